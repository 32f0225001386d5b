// The demo data stores enrolment dates the way the app does: 00:00 in Rome of a calendar day,
// so a demo enrolment ends when its last day ends in Italy, not at 01:00 or 02:00.
import { db } from "~/lib/db.server.ts";
import { romeDay, romeDayStart } from "~/lib/dates.ts";
import { seed } from "../../prisma/seed.ts";

describe("demo seed", () => {
  it("stores every enrolment's start and end at midnight in Rome", async () => {
    await seed();
    const enrolments = await db.enrolment.findMany();
    expect(enrolments.length).toBeGreaterThan(0);
    for (const enrolment of enrolments) {
      expect(enrolment.startsAt.toISOString()).toBe(romeDayStart(romeDay(enrolment.startsAt)).toISOString());
      expect(enrolment.endsAt.toISOString()).toBe(romeDayStart(romeDay(enrolment.endsAt)).toISOString());
      expect(romeDay(enrolment.startsAt).endsWith("-01")).toBe(true);
    }
  });
});
