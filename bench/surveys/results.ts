// How long the results of a training-needs analysis take to compute (page loader work and both
// CSV files) for a growing number of responses. Not run in CI.
// Usage: DATABASE_URL=file:/tmp/survey-bench.db npx tsx scripts/migrate.ts && \
//        DATABASE_URL=file:/tmp/survey-bench.db npx tsx bench/surveys/results.ts 500 2000
import { randomUUID } from "node:crypto";
import { db } from "../../app/lib/db.server.ts";
import { createFromTemplateData } from "../../app/modules/surveys/builder.server.ts";
import { aggregatesCsvRows, rawCsvRows, surveyResults } from "../../app/modules/surveys/results.server.ts";
import { trainingNeedsTemplate } from "../../app/modules/surveys/templates.ts";

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const orgs = await Promise.all(Array.from({ length: 20 }, (_, i) => db.organization.create({ data: { name: `Comune bench ${i}`, kind: "MUNICIPALITY" } })));

for (const size of sizes.length ? sizes : [500, 2000]) {
  const survey = await createFromTemplateData(trainingNeedsTemplate("it"), null, { status: "OPEN" });
  const questions = await db.surveyQuestion.findMany({ where: { surveyId: survey.id, type: "MATRIX" } });
  for (let start = 0; start < size; start += 200) {
    const responses = Array.from({ length: Math.min(200, size - start) }, (_, i) => ({ id: randomUUID(), surveyId: survey.id, organizationId: orgs[(start + i) % orgs.length].id, kit: "PLUS" as const }));
    await db.surveyResponse.createMany({ data: responses });
    await db.surveyAnswer.createMany({
      data: responses.flatMap((response) => questions.flatMap((question) => [1, 2, 3].map((row) => ({ id: randomUUID(), responseId: response.id, questionId: question.id, row, value: String(1 + Math.floor(Math.random() * 5)) })))),
    });
  }
  const time = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return Math.round(performance.now() - started);
  };
  const page = await time(() => surveyResults(survey.id, { likertDefault: [], allLabel: "Tutte" }));
  const aggregates = await time(() => aggregatesCsvRows(survey.id, [], "Tutte"));
  const raw = await time(() => rawCsvRows(survey.id, "Tutte"));
  console.log(`| ${size} | ${size * 33} | ${page} ms | ${aggregates} ms | ${raw} ms |`);
}
await db.$disconnect();
