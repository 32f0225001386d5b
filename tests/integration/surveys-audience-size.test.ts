// A survey sent to a whole province: the audience is chosen by condition, not by a list of ids
// (Prisma refuses a list past the database's parameter limit: 999 bound values on SQLite, 32,767
// on PostgreSQL; the invitation run used to fail with P2029 for a province's 3,600 members).
import { db } from "~/lib/db.server.ts";
import { audienceOf, sendInvitations } from "~/modules/surveys/invitations.server.ts";
import { createFromTemplateData } from "~/modules/surveys/builder.server.ts";
import { trainingNeedsTemplate } from "~/modules/surveys/templates.ts";
import { createUser } from "../helpers/fixtures.ts";

const DAY = 24 * 3600_000;
const MUNICIPALITIES = 180;
const PER_MUNICIPALITY = 20;

describe("a survey to a province-sized audience", () => {
  it("invites all 3,600 members of the PLUS municipalities once, and nobody of a BASIC one", { timeout: 120_000 }, async () => {
    const now = Date.now();
    const union = await db.organization.create({ data: { name: "Comunità di valle Prova", kind: "UNION" } });
    await db.enrolment.create({ data: { organizationId: union.id, kit: "PLUS", status: "ACTIVE", startsAt: new Date(now - 10 * DAY), endsAt: new Date(now + 100 * DAY), seats: 5000 } });
    const basic = await db.organization.create({ data: { name: "Comune Base Prova", kind: "MUNICIPALITY" } });
    await db.enrolment.create({ data: { organizationId: basic.id, kit: "BASIC", status: "ACTIVE", startsAt: new Date(now - 10 * DAY), endsAt: new Date(now + 100 * DAY), seats: 10 } });
    await db.organization.createMany({ data: Array.from({ length: MUNICIPALITIES }, (_, i) => ({ id: `mun-${i}`, name: `Comune ${i}`, kind: "MUNICIPALITY" as const, parentId: union.id })) });
    // One hashed password for everybody (hashing 3,600 would take minutes); its owner has no organization.
    const { passwordHash } = await createUser();
    const people = Array.from({ length: MUNICIPALITIES * PER_MUNICIPALITY }, (_, i) => ({
      id: `person-${String(i).padStart(5, "0")}`,
      email: `persona${i}@comune${Math.floor(i / PER_MUNICIPALITY)}.example.it`,
      name: `Persona ${i}`,
      passwordHash,
      organizationId: `mun-${Math.floor(i / PER_MUNICIPALITY)}`,
    }));
    for (let i = 0; i < people.length; i += 500) await db.user.createMany({ data: people.slice(i, i + 500) });
    await db.user.create({ data: { email: "base@comune-base.example.it", name: "Base", passwordHash, organizationId: basic.id } });

    const survey = await createFromTemplateData(trainingNeedsTemplate("it"), null, { title: "Bisogni della provincia", status: "OPEN", launchedAt: new Date() });
    // Someone opened the survey from the list before the invitations went out: invited all the same, once.
    await db.surveyParticipation.create({ data: { surveyId: survey.id, userId: "person-00007", sectionsSaved: 1 } });
    expect((await audienceOf(survey.id)).length).toBe(3_600);
    expect(await sendInvitations(survey.id)).toBe(3_600);
    expect(await sendInvitations(survey.id)).toBe(0);
    expect(await db.surveyParticipation.count({ where: { surveyId: survey.id, invitedAt: { not: null } } })).toBe(3_600);
    expect(await db.outboxEmail.count({ where: { subject: { contains: "Bisogni della provincia" } } })).toBe(3_600);
    expect(await db.outboxEmail.count({ where: { toAddress: "base@comune-base.example.it" } })).toBe(0);
    expect(await db.surveyParticipation.findUnique({ where: { surveyId_userId: { surveyId: survey.id, userId: "person-00007" } }, select: { sectionsSaved: true, invitedAt: true } })).toMatchObject({ sectionsSaved: 1, invitedAt: expect.any(Date) });
  });
});
