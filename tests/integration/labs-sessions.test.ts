// Lab sessions: a tutor schedules an in-person session, keeps its register after it started, and
// the members marked present get the session's hours in their training ledger (beside their
// webinar hours, in the page and in the CSV); the calendar function gives each person the sessions
// of their labs only.
import { romeDay } from "~/lib/dates.ts";
import { db } from "~/lib/db.server.ts";
import { translatorFor } from "~/lib/i18n/locale.server.ts";
import { labSessionsForUser } from "~/modules/labs/sessions.server.ts";
import { ledger, ledgerCsv } from "~/modules/training/ledger.server.ts";
import { loader as trainingLoader } from "~/routes/account.training._index.tsx";
import { action as newSessionAction } from "~/routes/labs.$id.sessions.new.tsx";
import { action as registerAction, loader as sessionLoader } from "~/routes/labs.$id.sessions.$sessionId.tsx";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { person } from "./community-helpers.ts";

const DAY = 24 * 3600 * 1000;
type Person = Awaited<ReturnType<typeof person>>;
let tutor: Person, present: Person, absent: Person, outsider: Person, plainMember: Person;
let labId: string;

async function intermediateOrganization(name: string) {
  const organization = await db.organization.create({ data: { name, kind: "MUNICIPALITY" } });
  await db.enrolment.create({ data: { organizationId: organization.id, kit: "INTERMEDIATE", status: "ACTIVE", startsAt: new Date(Date.now() - 60 * DAY), endsAt: new Date(Date.now() + 100 * DAY), seats: 20 } });
  return organization;
}

beforeAll(async () => {
  const org = await intermediateOrganization("Comune del laboratorio");
  const other = await intermediateOrganization("Comune di un altro laboratorio");
  tutor = await person({ role: "TUTOR" });
  present = await person({ organizationId: org.id, name: "Anna Presente" });
  absent = await person({ organizationId: org.id, name: "Bruno Assente" });
  plainMember = await person({ organizationId: org.id, name: "Carla non iscritta" });
  outsider = await person({ organizationId: other.id });
  const lab = await db.lab.create({
    data: {
      title: "Laboratorio registro", startsAt: new Date(Date.now() - 30 * DAY), endsAt: new Date(Date.now() + 60 * DAY),
      organizations: { create: [{ organizationId: org.id }] }, tutors: { create: [{ userId: tutor.id }] },
      members: { create: [{ userId: present.id }, { userId: absent.id }] },
    },
  });
  labId = lab.id;
  const otherLab = await db.lab.create({ data: { title: "Altro laboratorio", startsAt: new Date(), endsAt: new Date(Date.now() + 60 * DAY), organizations: { create: [{ organizationId: other.id }] }, members: { create: [{ userId: outsider.id }] } } });
  await db.labSession.create({ data: { labId: otherLab.id, title: "Incontro dell'altro laboratorio", kind: "ONLINE", startsAt: new Date(Date.now() + 2 * DAY), durationMinutes: 60 } });
});

const romeDayOf = (date: Date) => romeDay(date);

describe("the register", () => {
  let sessionId: string;

  it("a tutor schedules an in-person session (the place is required)", async () => {
    const day = romeDayOf(new Date(Date.now() - 2 * DAY));
    const missing = await call(newSessionAction, formRequest(`/labs/${labId}/sessions/new`, { title: "Mappatura", kind: "IN_PERSON", day, time: "10:00", durationMinutes: "150" }, { cookie: tutor.cookie }), { id: labId });
    expect(missing.status).toBe(400);
    expect((await missing.json()).fieldErrors.place).toEqual(["labs:validation.placeRequired"]);
    const response = await call(
      newSessionAction,
      formRequest(`/labs/${labId}/sessions/new`, { title: "Mappatura", kind: "IN_PERSON", day, time: "10:00", durationMinutes: "150", place: "Sala consiliare", address: "Piazza Municipio 1" }, { cookie: tutor.cookie }),
      { id: labId },
    );
    expect(response.status).toBe(302);
    sessionId = (await db.labSession.findFirstOrThrow({ where: { labId, title: "Mappatura" } })).id;
    // members may not schedule
    expect((await call(newSessionAction, formRequest(`/labs/${labId}/sessions/new`, {}, { cookie: present.cookie }), { id: labId })).status).toBe(403);
  });

  it("members see the session but not the register; the tutor ticks who was present and confirms", async () => {
    const asMember = await (await call(sessionLoader, getRequest(`/labs/${labId}/sessions/${sessionId}`, { cookie: present.cookie }), { id: labId, sessionId })).json();
    expect(asMember.session.place).toBe("Sala consiliare");
    expect(asMember.people).toEqual([]);
    expect((await call(registerAction, formRequest(`/labs/${labId}/sessions/${sessionId}`, { present: present.id }, { cookie: present.cookie }), { id: labId, sessionId })).status).toBe(403);
    // a person who is not a member of the lab cannot be ticked
    expect((await call(registerAction, formRequest(`/labs/${labId}/sessions/${sessionId}`, { present: plainMember.id }, { cookie: tutor.cookie }), { id: labId, sessionId })).status).toBe(400);
    const saved = await call(registerAction, formRequest(`/labs/${labId}/sessions/${sessionId}`, { present: present.id }, { cookie: tutor.cookie }), { id: labId, sessionId });
    expect(saved.status).toBe(302);
    const asTutor = await (await call(sessionLoader, getRequest(`/labs/${labId}/sessions/${sessionId}`, { cookie: tutor.cookie }), { id: labId, sessionId })).json();
    expect(asTutor.people.map((p: { name: string; present: boolean }) => [p.name, p.present])).toEqual([["Anna Presente", true], ["Bruno Assente", false]]);
    expect(asTutor.session.confirmedAt).not.toBeNull();
  });

  it("credits the session's duration to those present in the ledger, page and CSV", async () => {
    const page = await (await call(trainingLoader, getRequest("/account/training", { cookie: present.cookie }))).json();
    expect(page.minutes).toBe(150);
    expect(page.entries).toEqual([expect.objectContaining({ kind: "lab", title: "Laboratorio registro: Mappatura", creditedMinutes: 150 })]);
    const none = await (await call(trainingLoader, getRequest("/account/training", { cookie: absent.cookie }))).json();
    expect(none.minutes).toBe(0);
    const year = Number(romeDayOf(new Date(Date.now() - 2 * DAY)).slice(0, 4));
    const csv = ledgerCsv(await ledger({ userIds: [present.id] }, year), translatorFor("it"), "it");
    expect(csv).toContain("Laboratorio registro: Mappatura");
    expect(csv).toMatch(/Anna Presente.*Mappatura.*150.*2,5/);
  });

  it("a correction moves the hours: the register saved again is the truth", async () => {
    await call(registerAction, formRequest(`/labs/${labId}/sessions/${sessionId}`, { present: absent.id }, { cookie: tutor.cookie }), { id: labId, sessionId });
    expect((await (await call(trainingLoader, getRequest("/account/training", { cookie: present.cookie }))).json()).minutes).toBe(0);
    expect((await (await call(trainingLoader, getRequest("/account/training", { cookie: absent.cookie }))).json()).minutes).toBe(150);
  });

  it("a session that has not started cannot be confirmed", async () => {
    const future = await db.labSession.create({ data: { labId, title: "Futuro", kind: "ONLINE", startsAt: new Date(Date.now() + DAY), durationMinutes: 60 } });
    const response = await call(registerAction, formRequest(`/labs/${labId}/sessions/${future.id}`, { present: present.id }, { cookie: tutor.cookie }), { id: labId, sessionId: future.id });
    expect(response.status).toBe(409);
  });

  it("a session of another lab is a 404 by this lab's address, and the other lab itself too", async () => {
    const foreign = await db.labSession.findFirstOrThrow({ where: { title: "Incontro dell'altro laboratorio" } });
    expect((await call(sessionLoader, getRequest(`/labs/${labId}/sessions/${foreign.id}`, { cookie: tutor.cookie }), { id: labId, sessionId: foreign.id })).status).toBe(404);
    expect((await call(sessionLoader, getRequest(`/labs/${foreign.labId}/sessions/${foreign.id}`, { cookie: present.cookie }), { id: foreign.labId, sessionId: foreign.id })).status).toBe(404);
  });
});

describe("labSessionsForUser (calendar and digest)", () => {
  it("gives each person the sessions of their own labs only, with place and address", async () => {
    const from = new Date(Date.now() - 10 * DAY);
    const to = new Date(Date.now() + 10 * DAY);
    const mine = await labSessionsForUser(present.id, from, to);
    expect(mine.map((s) => s.title)).toEqual(["Laboratorio registro: Mappatura", "Laboratorio registro: Futuro"]);
    expect(mine[0]).toMatchObject({ location: "Sala consiliare, Piazza Municipio 1", uid: expect.stringMatching(/^lab-session-/) });
    expect(mine[0].endsAt.getTime() - mine[0].startsAt.getTime()).toBe(150 * 60_000);
    expect(mine[0].url).toMatch(new RegExp(`/labs/${labId}/sessions/`));
    expect((await labSessionsForUser(outsider.id, from, to)).map((s) => s.title)).toEqual(["Altro laboratorio: Incontro dell'altro laboratorio"]);
    expect(await labSessionsForUser(plainMember.id, from, to)).toEqual([]);
    expect((await labSessionsForUser(tutor.id, from, to)).length).toBe(2);
  });
});
