// A survey for a lab's members (audience LAB, issue 14): only a lab's tutor (or an admin) may
// target it, only its members are invited and may answer, colleagues of the same organization
// outside the lab may not, and a lab survey without its lab is not launched.
import { db } from "~/lib/db.server.ts";
import { resources } from "~/lib/i18n/resources.ts";
import { action as builderAction } from "~/routes/surveys.manage.$id._index.tsx";
import { loader as answerLoader } from "~/routes/surveys.$id.tsx";
import { loader as listLoader } from "~/routes/surveys._index.tsx";
import { sendInvitations } from "~/modules/surveys/invitations.server.ts";
import { createFromTemplateData } from "~/modules/surveys/builder.server.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { plusUnion, SMALL_TEMPLATE } from "./surveys-helpers.ts";

const DAY = 24 * 3600_000;

async function labSetup() {
  const { alba, members } = await plusUnion();
  const [inLab, outside] = await members(alba.id, 2);
  const tutor = await createUser({ role: "TUTOR" });
  const otherTutor = await createUser({ role: "TUTOR" });
  const lab = await db.lab.create({
    data: {
      title: "Laboratorio Comunità",
      startsAt: new Date(Date.now() - 10 * DAY),
      endsAt: new Date(Date.now() + 60 * DAY),
      organizations: { create: [{ organizationId: alba.id }] },
      tutors: { create: [{ userId: tutor.id }] },
      members: { create: [{ userId: inLab.id }] },
    },
  });
  const survey = await createFromTemplateData(SMALL_TEMPLATE, tutor.id, { title: "Clima del laboratorio" });
  const settings = async (userId: string, labId: string) =>
    call(builderAction, formRequest(`/surveys/manage/${survey.id}`, { intent: "settings", title: "Clima del laboratorio", description: "", audience: "LAB", labId, opensAt: "", closesAt: "" }, { cookie: await sessionCookieFor(userId) }), { id: survey.id });
  return { lab, survey, tutor, otherTutor, inLab, outside, settings };
}

describe("a survey for a lab's members", () => {
  it("a tutor of another lab cannot target this lab: 400 with a message in both languages, the choice kept", async () => {
    const { lab, survey, otherTutor, settings } = await labSetup();
    const refused = await settings(otherTutor.id, lab.id);
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(body.fieldErrors.labId).toEqual(["surveys:builder.errors.lab"]);
    expect(body.values).toMatchObject({ audience: "LAB", labId: lab.id });
    expect(resources.it.surveys.builder.errors.lab).toBe("Scegli un laboratorio che conduci.");
    expect(resources.en.surveys.builder.errors.lab).toBe("Choose a lab you run.");
    expect(await db.survey.findUniqueOrThrow({ where: { id: survey.id }, select: { audience: true, labId: true } })).toEqual({ audience: "KITS", labId: null });
  });

  it("the lab's tutor targets it: only its members are invited and may answer, a colleague outside the lab may not", async () => {
    const { lab, survey, tutor, inLab, outside, settings } = await labSetup();
    expect((await settings(tutor.id, lab.id)).status).toBe(302);
    expect(await db.survey.findUniqueOrThrow({ where: { id: survey.id }, select: { audience: true, labId: true } })).toEqual({ audience: "LAB", labId: lab.id });
    const launched = await call(builderAction, formRequest(`/surveys/manage/${survey.id}`, { intent: "launch" }, { cookie: await sessionCookieFor(tutor.id) }), { id: survey.id });
    expect(launched.status).toBe(302);

    expect(await sendInvitations(survey.id)).toBe(1);
    expect((await db.outboxEmail.findMany({ where: { subject: { contains: "Clima del laboratorio" } }, select: { toAddress: true } })).map((row) => row.toAddress)).toEqual([inLab.email]);
    const open = async (userId: string) => (await call(answerLoader, getRequest(`/surveys/${survey.id}`, { cookie: await sessionCookieFor(userId) }), { id: survey.id })).status;
    expect(await open(inLab.id)).toBe(200);
    expect(await open(outside.id)).toBe(403);
    const listed = async (userId: string) => ((await (await call(listLoader, getRequest("/surveys", { cookie: await sessionCookieFor(userId) }))).json()) as { surveys: { id: string }[] }).surveys.map((s) => s.id);
    expect(await listed(inLab.id)).toContain(survey.id);
    expect(await listed(outside.id)).not.toContain(survey.id);

    // Leaving the lab closes the survey to them.
    await db.labMember.delete({ where: { labId_userId: { labId: lab.id, userId: inLab.id } } });
    expect(await open(inLab.id)).toBe(403);
  });

  it("a lab survey with no lab chosen is not launched", async () => {
    const { survey, tutor, settings } = await labSetup();
    expect((await settings(tutor.id, "")).status).toBe(302);
    const launched = await call(builderAction, formRequest(`/surveys/manage/${survey.id}`, { intent: "launch" }, { cookie: await sessionCookieFor(tutor.id) }), { id: survey.id });
    expect(launched.status).toBe(409);
    expect((await launched.json()).formError).toBe("surveys:builder.noAudience");
    expect(await db.survey.findUniqueOrThrow({ where: { id: survey.id }, select: { status: true } })).toEqual({ status: "DRAFT" });
  });
});
