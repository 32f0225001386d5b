// Invitations and reminders through the outbox, and the satisfaction questionnaire attached to
// every webinar that has ENDED and sent to its registrants.
import { db } from "~/lib/db.server.ts";
import { action as builderAction } from "~/routes/surveys.manage.$id._index.tsx";
import { loader as answerLoader } from "~/routes/surveys.$id.tsx";
import { attachSatisfactionSurveys, sendInvitations, sendReminders } from "~/modules/surveys/invitations.server.ts";
import { webinarSatisfaction } from "~/modules/surveys/results.server.ts";
import { createFromTemplateData } from "~/modules/surveys/builder.server.ts";
import { trainingNeedsTemplate } from "~/modules/surveys/templates.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { plusUnion } from "./surveys-helpers.ts";

const outboxTo = async (subjectPart: string) =>
  (await db.outboxEmail.findMany({ where: { subject: { contains: subjectPart } }, select: { toAddress: true } })).map((row) => row.toAddress).sort();

describe("survey invitations and reminders", () => {
  it("launching the training-needs analysis invites the PLUS union's members once, then reminds those who have not answered", async () => {
    const { alba, borgo, basicOrg, members } = await plusUnion();
    const [a1, a2] = await members(alba.id, 2);
    const [b1] = await members(borgo.id, 1);
    await members(basicOrg.id, 1);
    const tutor = await createUser({ role: "TUTOR" });
    const survey = await createFromTemplateData(trainingNeedsTemplate("it"), tutor.id, { title: "Bisogni 2027" });
    const launched = await call(builderAction, formRequest(`/surveys/manage/${survey.id}`, { intent: "launch" }, { cookie: await sessionCookieFor(tutor.id) }), { id: survey.id });
    expect(launched.status).toBe(302);
    expect(await db.job.count({ where: { type: "survey.invite" } })).toBe(1);
    expect(await db.auditLog.findFirst({ where: { action: "survey.launch", targetId: survey.id }, select: { actorId: true, summary: true } })).toEqual({ actorId: tutor.id, summary: "Avviato il questionario «Bisogni 2027»" });

    expect(await sendInvitations(survey.id)).toBe(3);
    expect(await sendInvitations(survey.id)).toBe(0);
    expect(await outboxTo("Questionario: Bisogni 2027")).toEqual([a1.email, a2.email, b1.email].sort());

    // a1 answers nothing, a2 submits (named here for brevity of the test data), b1 is disabled.
    await db.survey.update({ where: { id: survey.id }, data: { closesAt: new Date(Date.now() + 2 * 24 * 3600_000) } });
    await db.surveyParticipation.updateMany({ where: { surveyId: survey.id, userId: a2.id }, data: { status: "SUBMITTED" } });
    await db.user.update({ where: { id: b1.id }, data: { disabledAt: new Date() } });
    expect(await sendReminders()).toBe(1);
    expect(await sendReminders()).toBe(0);
    expect(await outboxTo("Promemoria: Bisogni 2027")).toEqual([a1.email]);
  });

  it("attaches a satisfaction questionnaire to an ended webinar once, sends it to its registrants only, and reports its results", async () => {
    const { alba, members } = await plusUnion();
    const [registrant, other] = await members(alba.id, 2);
    const webinar = await db.webinar.create({
      data: { slug: "ended", title: "Open data in pratica", description: "", status: "ENDED", startsAt: new Date(Date.now() - 3 * 3600_000), liveEndedAt: new Date(Date.now() - 3600_000), roomName: "ended" },
    });
    await db.webinarRegistration.create({ data: { webinarId: webinar.id, userId: registrant.id, status: "REGISTERED" } });
    const [surveyId] = await attachSatisfactionSurveys();
    expect(surveyId).toBeTruthy();
    expect(await attachSatisfactionSurveys()).toEqual([]);
    const survey = await db.survey.findUniqueOrThrow({ where: { id: surveyId } });
    expect(survey).toMatchObject({ kind: "SATISFACTION", status: "OPEN", audience: "WEBINAR", webinarId: webinar.id, anonymous: true });

    expect(await sendInvitations(surveyId)).toBe(1);
    expect(await outboxTo("Open data in pratica")).toEqual([registrant.email]);
    const open = async (userId: string) => (await call(answerLoader, getRequest(`/surveys/${surveyId}`, { cookie: await sessionCookieFor(userId) }), { id: surveyId })).status;
    expect(await open(registrant.id)).toBe(200);
    expect(await open(other.id)).toBe(403);

    const report = await webinarSatisfaction(webinar.id, { likertDefault: [], allLabel: "Tutte" });
    expect(report?.survey.id).toBe(surveyId);
    expect(report?.results.suppressed).toBe(true);
    expect(await webinarSatisfaction("no-such-webinar", { likertDefault: [], allLabel: "Tutte" })).toBeNull();
  });
});
