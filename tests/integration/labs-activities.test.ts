// Lab activities: a tutor sets an activity with a due date; members hand in text and a file
// (checked by content, kept by the platform's storage), late ones are marked; the tutor reads all and
// comments; a member sees only their own submission and its comment; files go to their author and
// the lab's tutors only (404 for anyone else).
import { db } from "~/lib/db.server.ts";
import { setStorageForTests, storage } from "~/lib/storage/storage.server.ts";
import * as activityRoute from "~/routes/labs.$id.activities.$activityId._index.tsx";
import * as fileRoute from "~/routes/labs.$id.activities.$activityId.files.$submissionId.ts";
import { action as newActivity } from "~/routes/labs.$id.activities.new.tsx";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { localBackend, type TestBackend } from "../helpers/storage.ts";
import { person } from "./community-helpers.ts";

const DAY = 24 * 3600 * 1000;
const PDF = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
type Person = Awaited<ReturnType<typeof person>>;
let backend: TestBackend;
let tutor: Person, anna: Person, bruno: Person, outsider: Person;
let labId: string, activityId: string;

beforeAll(async () => {
  backend = await localBackend();
  setStorageForTests(backend.storage);
  const org = await db.organization.create({ data: { name: "Comune attivo", kind: "MUNICIPALITY" } });
  await db.enrolment.create({ data: { organizationId: org.id, kit: "INTERMEDIATE", status: "ACTIVE", startsAt: new Date(Date.now() - 30 * DAY), endsAt: new Date(Date.now() + 100 * DAY), seats: 20 } });
  tutor = await person({ role: "TUTOR" });
  anna = await person({ organizationId: org.id, name: "Anna" });
  bruno = await person({ organizationId: org.id, name: "Bruno" });
  outsider = await person({ organizationId: org.id, name: "Non iscritta" });
  const lab = await db.lab.create({
    data: { title: "Laboratorio attività", startsAt: new Date(), endsAt: new Date(Date.now() + 60 * DAY), organizations: { create: [{ organizationId: org.id }] }, tutors: { create: [{ userId: tutor.id }] }, members: { create: [{ userId: anna.id }, { userId: bruno.id }] } },
  });
  labId = lab.id;
});
afterAll(async () => {
  setStorageForTests(undefined);
  await backend.stop();
});

function post(who: Person, fields: Record<string, string>, file?: { name: string; content: string; type: string }) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  if (file) form.append("file", new Blob([file.content], { type: file.type }), file.name);
  return call(activityRoute.action, new Request(new URL(`/labs/${labId}/activities/${activityId}`, "http://localhost:3000"), { method: "POST", body: form, headers: { Cookie: who.cookie } }), { id: labId, activityId });
}
const view = async (who: Person) => (await call(activityRoute.loader, getRequest(`/labs/${labId}/activities/${activityId}`, { cookie: who.cookie }), { id: labId, activityId })).json();

it("a tutor sets an activity with a due date (members may not)", async () => {
  expect((await call(newActivity, formRequest(`/labs/${labId}/activities/new`, { title: "Mappa" }, { cookie: tutor.cookie }), { id: labId })).status).toBe(400);
  expect((await call(newActivity, formRequest(`/labs/${labId}/activities/new`, { title: "Mappa", dueDay: "2030-01-10", dueTime: "18:00" }, { cookie: anna.cookie }), { id: labId })).status).toBe(403);
  const created = await call(newActivity, formRequest(`/labs/${labId}/activities/new`, { title: "Mappa degli stakeholder", description: "Una **mappa**", dueDay: "2030-01-10", dueTime: "18:00" }, { cookie: tutor.cookie }), { id: labId });
  expect(created.status).toBe(302);
  activityId = (await db.labActivity.findFirstOrThrow({ where: { labId } })).id;
  expect((await db.labActivity.findUniqueOrThrow({ where: { id: activityId } })).dueAt.toISOString()).toBe("2030-01-10T17:00:00.000Z");
});

it("members hand in text and a content-checked file; empty and disguised files are refused", async () => {
  expect((await post(anna, { intent: "submit", text: "" })).status).toBe(400);
  expect((await post(anna, { intent: "submit", text: "La nostra mappa" }, { name: "mappa.pdf", content: "non un pdf", type: "application/pdf" })).status).toBe(415);
  expect((await post(anna, { intent: "submit", text: "La nostra mappa" }, { name: "mappa.pdf", content: PDF, type: "application/pdf" })).status).toBe(302);
  expect((await post(outsider, { intent: "submit", text: "Io no" })).status).toBe(403);
  const mine = await view(anna);
  expect(mine.submissions).toHaveLength(1);
  expect(mine.submissions[0]).toMatchObject({ text: "La nostra mappa", fileName: "mappa.pdf", late: false });
});

it("a late submission is marked; the tutor reads all and comments; each member sees only their own, with the comment", async () => {
  // the due date passes: Anna handed in two days ago, in time; Bruno hands in now
  await db.labActivity.update({ where: { id: activityId }, data: { dueAt: new Date(Date.now() - DAY) } });
  await db.labSubmission.updateMany({ where: { activityId, userId: anna.id }, data: { submittedAt: new Date(Date.now() - 2 * DAY) } });
  expect((await post(bruno, { intent: "submit", text: "In ritardo, scusate" })).status).toBe(302);
  const all = await view(tutor);
  expect(all.submissions.map((s: { user: { name: string }; late: boolean }) => [s.user.name, s.late])).toEqual([["Anna", false], ["Bruno", true]]);
  const annaSubmission = all.submissions[0].id;
  expect((await post(bruno, { intent: "review", submissionId: annaSubmission, comment: "Brava" })).status).toBe(403);
  expect((await post(tutor, { intent: "review", submissionId: annaSubmission, comment: "" })).status).toBe(400);
  expect((await post(tutor, { intent: "review", submissionId: annaSubmission, comment: "Ottima mappa: aggiungete le associazioni." })).status).toBe(302);
  const annaView = await view(anna);
  expect(annaView.submissions.map((s: { comment: string | null }) => s.comment)).toEqual(["Ottima mappa: aggiungete le associazioni."]);
  const brunoView = await view(bruno);
  expect(brunoView.submissions.map((s: { user: { name: string } }) => s.user.name)).toEqual(["Bruno"]);
  expect(await db.auditLog.count({ where: { action: "lab.submission_review", targetId: labId } })).toBe(1);
});

it("the file goes to its author and the lab's tutor; 404 for a colleague and for someone outside the lab", async () => {
  const submission = await db.labSubmission.findFirstOrThrow({ where: { activityId, userId: anna.id } });
  const download = (who: Person) => call(fileRoute.loader, getRequest(`/labs/${labId}/activities/${activityId}/files/${submission.id}`, { cookie: who.cookie }), { id: labId, activityId, submissionId: submission.id });
  const own = await download(anna);
  expect(own.status).toBe(200);
  expect(await own.text()).toBe(PDF);
  expect((await download(tutor)).status).toBe(200);
  expect((await download(bruno)).status).toBe(404);
  expect((await download(outsider)).status).toBe(404);
  // replacing the file deletes the old one from storage
  const oldKey = submission.fileKey!;
  expect((await post(anna, { intent: "submit", text: "Versione 2" }, { name: "mappa2.pdf", content: PDF, type: "application/pdf" })).status).toBe(302);
  expect(await storage().head(oldKey)).toBeNull();
});
