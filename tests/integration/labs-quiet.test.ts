// Quiet members: the tutor's view lists the members with no attendance, post in the lab's
// discussion or submission for more than the lab's N days, and reminds one by email (outbox, in
// their language, audited, once a day). The boundary: exactly N days is not yet quiet.
import { db } from "~/lib/db.server.ts";
import { isQuiet, memberActivity } from "~/modules/labs/quiet.server.ts";
import { action as quietAction, loader as quietLoader } from "~/routes/labs.$id.quiet.tsx";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { person } from "./community-helpers.ts";

const DAY = 24 * 3600 * 1000;
type Person = Awaited<ReturnType<typeof person>>;
let tutor: Person, otherTutor: Person, member: Person;
let labId: string, categoryId: string;
const now = new Date("2026-11-20T09:00:00Z");

beforeAll(async () => {
  const org = await db.organization.create({ data: { name: "Comune quieto", kind: "MUNICIPALITY" } });
  await db.enrolment.create({ data: { organizationId: org.id, kit: "PLUS", status: "ACTIVE", startsAt: new Date(Date.now() - 100 * DAY), endsAt: new Date(Date.now() + 100 * DAY), seats: 20 } });
  tutor = await person({ role: "TUTOR", name: "Tommaso Tutor" });
  otherTutor = await person({ role: "TUTOR" });
  member = await person({ organizationId: org.id, name: "Member in English", locale: "en", email: "quiet.member@comune.example.it" });
  const category = await db.communityCategory.create({ data: { name: "Lab quieto", visibility: "LAB" } });
  categoryId = category.id;
  const lab = await db.lab.create({
    data: { title: "Laboratorio quieto", quietAfterDays: 10, categoryId, startsAt: new Date(now.getTime() - 60 * DAY), endsAt: new Date(now.getTime() + 60 * DAY), organizations: { create: [{ organizationId: org.id }] }, tutors: { create: [{ userId: tutor.id }] } },
  });
  labId = lab.id;
  await db.communityCategory.update({ where: { id: categoryId }, data: { labId } });
});

async function addMember(name: string, joinedAt: Date) {
  const user = await person({ name });
  await db.labMember.create({ data: { labId, userId: user.id, joinedAt } });
  return user;
}
const stateOf = async (userId: string, at: Date) => (await memberActivity(labId, at)).members.find((m) => m.userId === userId)!;

describe("who is quiet", () => {
  it("exactly N days after the last sign of life is not yet quiet; a moment later it is", () => {
    const last = new Date("2026-11-01T10:00:00Z");
    expect(isQuiet(last, 10, new Date(last.getTime() + 10 * DAY))).toBe(false);
    expect(isQuiet(last, 10, new Date(last.getTime() + 10 * DAY + 1))).toBe(true);
  });

  it("counts joining, attendance, a post in the lab's discussion and a submission as signs of life", async () => {
    const joined = new Date(now.getTime() - 30 * DAY);
    const newcomer = await addMember("Appena arrivata", new Date(now.getTime() - 10 * DAY));
    const attends = await addMember("Presente agli incontri", joined);
    const writes = await addMember("Scrive nella discussione", joined);
    const submits = await addMember("Consegna le attività", joined);
    const silent = await addMember("Silenziosa", joined);
    const elsewhere = await addMember("Scrive altrove", joined);
    // attendance 10 days ago exactly (the session's start): not quiet
    const session = await db.labSession.create({ data: { labId, title: "Incontro", kind: "IN_PERSON", place: "Sala", startsAt: new Date(now.getTime() - 10 * DAY), durationMinutes: 60, confirmedAt: now } });
    await db.labAttendance.create({ data: { sessionId: session.id, userId: attends.id, minutes: 60 } });
    const topic = await db.communityTopic.create({ data: { categoryId, title: "Presentazioni", authorId: writes.id, postCount: 1 } });
    await db.communityPost.create({ data: { topicId: topic.id, postNumber: 1, authorId: writes.id, body: "Ciao", createdAt: new Date(now.getTime() - 3 * DAY) } });
    // a post in another category is not a sign of life in the lab
    const open = await db.communityCategory.create({ data: { name: "Generale", visibility: "COMMUNITY" } });
    const topic2 = await db.communityTopic.create({ data: { categoryId: open.id, title: "Altro", authorId: elsewhere.id, postCount: 1 } });
    await db.communityPost.create({ data: { topicId: topic2.id, postNumber: 1, authorId: elsewhere.id, body: "Ciao", createdAt: new Date(now.getTime() - DAY) } });
    const activity = await db.labActivity.create({ data: { labId, title: "Mappa", dueAt: now } });
    await db.labSubmission.create({ data: { activityId: activity.id, userId: submits.id, text: "Fatto", submittedAt: new Date(now.getTime() - 9 * DAY) } });

    expect((await stateOf(newcomer.id, now)).quiet).toBe(false);
    expect((await stateOf(attends.id, now)).quiet).toBe(false);
    expect((await stateOf(writes.id, now)).quiet).toBe(false);
    expect((await stateOf(submits.id, now)).quiet).toBe(false);
    expect((await stateOf(silent.id, now)).quiet).toBe(true);
    expect((await stateOf(elsewhere.id, now)).quiet).toBe(true);
    // one second past the boundary, the newcomer and the attendee become quiet; the others not yet
    const later = new Date(now.getTime() + 1000);
    expect((await stateOf(newcomer.id, later)).quiet).toBe(true);
    expect((await stateOf(attends.id, later)).quiet).toBe(true);
    expect((await stateOf(submits.id, later)).quiet).toBe(false);
  });
});

describe("a large lab", () => {
  it("1,200 members are all listed (their ids no longer travel as a list: P2029 on SQLite past 999), a former member's activity is ignored", async () => {
    const cat = await db.communityCategory.create({ data: { name: "Lab grande", visibility: "LAB" } });
    const big = await db.lab.create({ data: { title: "Laboratorio grande", quietAfterDays: 10, categoryId: cat.id, startsAt: new Date(now.getTime() - 60 * DAY), endsAt: new Date(now.getTime() + 60 * DAY) } });
    const { passwordHash } = await person();
    const ids = Array.from({ length: 1_200 }, (_, i) => `big-member-${String(i).padStart(4, "0")}`);
    await db.user.createMany({ data: ids.map((id, i) => ({ id, email: `grande${i}@comune.example.it`, name: `Membro ${i}`, passwordHash })) });
    const joinedAt = new Date(now.getTime() - 30 * DAY);
    await db.labMember.createMany({ data: ids.map((userId) => ({ labId: big.id, userId, joinedAt })) });
    const former = await person({ name: "Ex membro" });
    const session = await db.labSession.create({ data: { labId: big.id, title: "Incontro", kind: "IN_PERSON", place: "Sala", startsAt: new Date(now.getTime() - DAY), durationMinutes: 60, confirmedAt: now } });
    await db.labAttendance.createMany({ data: [{ sessionId: session.id, userId: ids[7], minutes: 60 }, { sessionId: session.id, userId: former.id, minutes: 60 }] });

    const { members } = await memberActivity(big.id, now);
    expect(members).toHaveLength(1_200);
    expect(members.filter((m) => !m.quiet).map((m) => m.userId)).toEqual([ids[7]]);
    expect(members.some((m) => m.userId === former.id)).toBe(false);
  });
});

describe("the reminder", () => {
  it("the tutor's page lists the quiet members first; other tutors and members are refused", async () => {
    await db.labMember.create({ data: { labId, userId: member.id, joinedAt: new Date(Date.now() - 40 * DAY) } });
    const page = await call(quietLoader, getRequest(`/labs/${labId}/quiet`, { cookie: tutor.cookie }), { id: labId });
    expect(page.status).toBe(200);
    const data = await page.json();
    expect(data.members[0].quiet).toBe(true);
    expect(data.members.find((m: { userId: string }) => m.userId === member.id)).toMatchObject({ quiet: true, canRemind: true });
    expect((await call(quietLoader, getRequest(`/labs/${labId}/quiet`, { cookie: otherTutor.cookie }), { id: labId })).status).toBe(403);
    expect((await call(quietLoader, getRequest(`/labs/${labId}/quiet`, { cookie: member.cookie }), { id: labId })).status).toBe(403);
  });

  it("one click queues an email in the member's language, audited; a second one the same day is refused", async () => {
    const remind = () => call(quietAction, formRequest(`/labs/${labId}/quiet`, { userId: member.id }, { cookie: tutor.cookie }), { id: labId });
    expect((await remind()).status).toBe(302);
    const emails = await db.outboxEmail.findMany({ where: { toAddress: "quiet.member@comune.example.it" } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ template: "lab-reminder", locale: "en", subject: "We look forward to seeing you in the lab “Laboratorio quieto”" });
    expect(emails[0].text).toContain("for more than 10 days");
    expect(emails[0].text).toContain(`/labs/${labId}`);
    expect(emails[0].text).toContain("Tommaso Tutor");
    expect(await db.auditLog.count({ where: { action: "lab.reminder_send", targetId: labId, actorId: tutor.id } })).toBe(1);
    const again = await remind();
    expect(again.status).toBe(409);
    expect((await again.json()).formError).toBe("labs:errors.remindedToday");
    expect(await db.outboxEmail.count({ where: { toAddress: "quiet.member@comune.example.it" } })).toBe(1);
    const after = await (await call(quietLoader, getRequest(`/labs/${labId}/quiet`, { cookie: tutor.cookie }), { id: labId })).json();
    expect(after.members.find((m: { userId: string }) => m.userId === member.id).canRemind).toBe(false);
  });

  it("refuses a member who is not quiet", async () => {
    const active = await addMember("Attiva", new Date());
    const response = await call(quietAction, formRequest(`/labs/${labId}/quiet`, { userId: active.id }, { cookie: tutor.cookie }), { id: labId });
    expect(response.status).toBe(409);
    expect((await response.json()).formError).toBe("labs:errors.notQuiet");
  });
});
