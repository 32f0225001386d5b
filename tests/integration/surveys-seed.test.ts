// The demo seed launches the training-needs analysis to the PLUS union with answers that show
// results overall and for Alba and Borgo, and hide the union's own two answers; seeding twice
// adds nothing.
import { db } from "~/lib/db.server.ts";
import { surveyResults } from "~/modules/surveys/results.server.ts";
import { seed } from "../../prisma/seed.ts";

it("seeds the demo training-needs analysis with shown and suppressed groups", async () => {
  await seed();
  await seed();
  const surveys = await db.survey.findMany({ where: { kind: "TRAINING_NEEDS" } });
  expect(surveys).toHaveLength(1);
  const { groups, results, comparison } = await surveyResults(surveys[0].id, { likertDefault: [], allLabel: "Tutte" });
  expect(results.group.size).toBe(13);
  expect(results.areas).toHaveLength(5);
  expect(comparison.map((row) => row.label)).toEqual(["Comune di Alba Demo", "Comune di Borgo Demo"]);
  expect(groups.find((group) => group.label === "Unione dei Comuni della Valle Demo")?.shown).toBe(false);
});
