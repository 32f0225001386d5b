// Online lab sessions run in a webinar room restricted to the lab (issue 14): creating the session
// creates the room (linked both ways, the lab's tutors as hosts); editing moves it, going in person
// or deleting cancels it. Only the lab's members, its tutors and staff get in — a PLUS member of
// another organization gets 404 on every address of the room, a visitor too. The room is not in
// the catalogue, nor in the digest's or the calendar's webinars (the session is there, once). The
// register of an online session is pre-filled from the minutes LiveKit's webhooks recorded.
import { randomBytes } from "node:crypto";
import { romeDay } from "~/lib/dates.ts";
import { db } from "~/lib/db.server.ts";
import { buildDigest, newRun, setCalendarAllWebinars } from "~/modules/digest/digest.server.ts";
import { calendarFeedFor, renewCalendarFeed } from "~/modules/webinars/calendar-feed.server.ts";
import { dashboard } from "~/modules/monitoring/figures.server.ts";
import type { Filters } from "~/modules/monitoring/filters.ts";
import { loader as trainingLoader } from "~/routes/account.training._index.tsx";
import { loader as certificateLoader } from "~/routes/account.training.certificates.$webinarId.tsx";
import { action as newSessionAction } from "~/routes/labs.$id.sessions.new.tsx";
import { action as editSessionAction, loader as editSessionLoader } from "~/routes/labs.$id.sessions.$sessionId.edit.tsx";
import { action as registerAction, loader as sessionLoader } from "~/routes/labs.$id.sessions.$sessionId.tsx";
import { loader as catalogueLoader } from "~/routes/webinars._index.tsx";
import { action as detailAction, loader as detailLoader } from "~/routes/webinars.$slug._index.tsx";
import { loader as icsLoader } from "~/routes/webinars.$slug.ics.ts";
import { loader as liveLoader } from "~/routes/webinars.$slug.live.tsx";
import { loader as roomLoader } from "~/routes/webinars.$slug.room.tsx";
import { loader as recordingLoader } from "~/routes/webinars.$slug.recording._index.tsx";
import * as webhook from "~/routes/webhooks.livekit.ts";
import { signWebhook, useLiveKit } from "../helpers/livekit.ts";
import { BASE_URL, call, formRequest, getRequest } from "../helpers/requests.ts";
import { enrolledOrganization, person } from "./community-helpers.ts";

const DAY = 24 * 3600 * 1000;
type Person = Awaited<ReturnType<typeof person>>;
let tutor: Person, member: Person, partial: Person, silent: Person, cohortNonMember: Person, outsider: Person, admin: Person, otherTutor: Person;
let labId: string;

beforeAll(async () => {
  const org = await enrolledOrganization("PLUS");
  const other = await enrolledOrganization("PLUS");
  tutor = await person({ role: "TUTOR", name: "Tina Tutor" });
  otherTutor = await person({ role: "TUTOR", name: "Ugo Tutor" });
  admin = await person({ role: "ADMIN" });
  member = await person({ organizationId: org.id, name: "Anna Online" });
  partial = await person({ organizationId: org.id, name: "Bruno Breve" });
  silent = await person({ organizationId: org.id, name: "Carla Assente" });
  cohortNonMember = await person({ organizationId: org.id, name: "Dario non iscritto" });
  outsider = await person({ organizationId: other.id, name: "Elsa di fuori" });
  const lab = await db.lab.create({
    data: {
      title: "Laboratorio online", startsAt: new Date(Date.now() - 30 * DAY), endsAt: new Date(Date.now() + 60 * DAY),
      organizations: { create: [{ organizationId: org.id }] }, tutors: { create: [{ userId: tutor.id }] },
      members: { create: [{ userId: member.id }, { userId: partial.id }, { userId: silent.id }] },
    },
  });
  labId = lab.id;
  // The outsider's own lab, so "belongs to a lab" is not what admits anyone.
  await db.lab.create({ data: { title: "Altro laboratorio", startsAt: new Date(), endsAt: new Date(Date.now() + 60 * DAY), organizations: { create: [{ organizationId: other.id }] }, members: { create: [{ userId: outsider.id }] } } });
});

async function schedule(fields: Record<string, string>) {
  const response = await call(newSessionAction, formRequest(`/labs/${labId}/sessions/new`, { durationMinutes: "120", ...fields }, { cookie: tutor.cookie }), { id: labId });
  expect(response.status).toBe(302);
  return db.labSession.findFirstOrThrow({ where: { labId, title: fields.title } });
}

const roomOf = (webinarId: string | null) => db.webinar.findUniqueOrThrow({ where: { id: webinarId! }, include: { roles: true } });

describe("the session's room", () => {
  it("an online session creates its lab-restricted webinar, linked both ways, with the lab's tutors as hosts; in person creates none", async () => {
    const day = romeDay(new Date(Date.now() + 3 * DAY));
    const online = await schedule({ title: "Mappa della comunità", kind: "ONLINE", day, time: "17:30", durationMinutes: "90" });
    const room = await roomOf(online.webinarId);
    expect(room).toMatchObject({ labId, title: "Mappa della comunità", status: "SCHEDULED", durationMinutes: 90, capacity: null });
    expect(room.startsAt.getTime()).toBe(online.startsAt.getTime());
    expect(room.roles.map((r) => [r.userId, r.role])).toEqual([[tutor.id, "HOST"]]);
    const inPerson = await schedule({ title: "In sala", kind: "IN_PERSON", day, time: "10:00", place: "Sala consiliare" });
    expect(inPerson.webinarId).toBeNull();
  });

  it("a tutor added to the lab becomes a host of its rooms; removed, stops being one", async () => {
    const { addTutor, removeTutor } = await import("~/modules/labs/labs.server.ts");
    const session = await db.labSession.findFirstOrThrow({ where: { labId, title: "Mappa della comunità" } });
    await addTutor(admin, labId, otherTutor.id);
    expect((await roomOf(session.webinarId)).roles.map((r) => r.userId).sort()).toEqual([tutor.id, otherTutor.id].sort());
    await removeTutor(admin, labId, otherTutor.id);
    expect((await roomOf(session.webinarId)).roles.map((r) => r.userId)).toEqual([tutor.id]);
  });

  it("editing the session moves and renames the room; going in person cancels it; back online opens a new one", async () => {
    const session = await schedule({ title: "Da spostare", kind: "ONLINE", day: romeDay(new Date(Date.now() + 5 * DAY)), time: "09:00" });
    const form = await (await call(editSessionLoader, getRequest(`/labs/${labId}/sessions/${session.id}/edit`, { cookie: tutor.cookie }), { id: labId, sessionId: session.id })).json();
    expect(form.values).toMatchObject({ title: "Da spostare", kind: "ONLINE", time: "09:00", durationMinutes: "120" });
    const edit = (fields: Record<string, string>) =>
      call(editSessionAction, formRequest(`/labs/${labId}/sessions/${session.id}/edit`, { ...form.values, ...fields }, { cookie: tutor.cookie }), { id: labId, sessionId: session.id });
    // bad input keeps the values and says why
    const bad = await edit({ time: "25:00" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).values.title).toBe("Da spostare");
    expect((await edit({ title: "Spostato", time: "11:15", durationMinutes: "60" })).status).toBe(302);
    const moved = await roomOf(session.webinarId);
    const after = await db.labSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(moved).toMatchObject({ title: "Spostato", durationMinutes: 60, icsSequence: 1 });
    expect(moved.startsAt.getTime()).toBe(after.startsAt.getTime());
    expect((await edit({ kind: "IN_PERSON", place: "Biblioteca" })).status).toBe(302);
    expect((await roomOf(session.webinarId)).status).toBe("CANCELLED");
    expect((await db.labSession.findUniqueOrThrow({ where: { id: session.id } })).webinarId).toBeNull();
    expect((await edit({ kind: "ONLINE" })).status).toBe(302);
    const reopened = await db.labSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(reopened.webinarId).not.toBe(session.webinarId);
    expect((await roomOf(reopened.webinarId)).status).toBe("SCHEDULED");
    // members may not edit
    expect((await call(editSessionAction, formRequest(`/labs/${labId}/sessions/${session.id}/edit`, {}, { cookie: member.cookie }), { id: labId, sessionId: session.id })).status).toBe(403);
  });

  it("deleting the session cancels its room and removes it from the lab", async () => {
    const session = await schedule({ title: "Da annullare", kind: "ONLINE", day: romeDay(new Date(Date.now() + 6 * DAY)), time: "09:00" });
    const response = await call(editSessionAction, formRequest(`/labs/${labId}/sessions/${session.id}/edit`, { intent: "delete" }, { cookie: tutor.cookie }), { id: labId, sessionId: session.id });
    expect(response.status).toBe(302);
    expect(await db.labSession.findUnique({ where: { id: session.id } })).toBeNull();
    expect((await roomOf(session.webinarId)).status).toBe("CANCELLED");
  });
});

describe("who gets into a lab's room", () => {
  let slug: string;
  beforeAll(async () => {
    const session = await db.labSession.findFirstOrThrow({ where: { labId, title: "Mappa della comunità" } });
    slug = (await roomOf(session.webinarId)).slug;
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route loader
  const status = async (loader: (args: any) => unknown, path: string, who: Person | null) => (await call(loader as never, getRequest(path, { cookie: who?.cookie }), { slug })).status;

  it("the lab's member: page, room, calendar file and live page; the tutor is the room's host; an admin gets in", async () => {
    for (const who of [member, tutor, admin]) {
      expect(await status(detailLoader, `/webinars/${slug}`, who)).toBe(200);
      expect(await status(roomLoader, `/webinars/${slug}/room`, who)).toBe(200);
      expect(await status(icsLoader, `/webinars/${slug}.ics`, who)).toBe(200);
      expect(await status(liveLoader, `/webinars/${slug}/live`, who)).toBe(200);
    }
    const asTutor = await (await call(roomLoader, getRequest(`/webinars/${slug}/room`, { cookie: tutor.cookie }), { slug })).json();
    expect(asTutor.me.role).toBe("host");
    const asMember = await (await call(roomLoader, getRequest(`/webinars/${slug}/room`, { cookie: member.cookie }), { slug })).json();
    expect(asMember.me.role).toBe("attendee");
    // the room's page sends the member to the lab session; nobody registers for a lab room
    const page = await (await call(detailLoader, getRequest(`/webinars/${slug}`, { cookie: member.cookie }), { slug })).json();
    expect(page.labSession).toEqual({ url: expect.stringMatching(new RegExp(`^/labs/${labId}/sessions/`)), labTitle: "Laboratorio online" });
    const register = await call(detailAction, formRequest(`/webinars/${slug}`, { intent: "register" }, { cookie: member.cookie }), { slug });
    expect(register.status).toBe(409);
    expect(await db.webinarRegistration.count({ where: { webinar: { slug } } })).toBe(0);
  });

  it("a PLUS member of another organization, a cohort member who has not joined, and a visitor: 404 everywhere (or sign in)", async () => {
    for (const who of [outsider, cohortNonMember]) {
      expect(await status(detailLoader, `/webinars/${slug}`, who)).toBe(404);
      expect(await status(roomLoader, `/webinars/${slug}/room`, who)).toBe(404);
      expect(await status(icsLoader, `/webinars/${slug}.ics`, who)).toBe(404);
      expect(await status(liveLoader, `/webinars/${slug}/live`, who)).toBe(404);
      expect(await status(recordingLoader, `/webinars/${slug}/recording`, who)).toBe(404);
      const register = await call(detailAction, formRequest(`/webinars/${slug}`, { intent: "register" }, { cookie: who.cookie }), { slug });
      expect(register.status).toBe(404);
    }
    expect(await status(detailLoader, `/webinars/${slug}`, null)).toBe(404);
    expect(await status(icsLoader, `/webinars/${slug}.ics`, null)).toBe(404);
    const room = await call(roomLoader, getRequest(`/webinars/${slug}/room`), { slug });
    expect(room.status).toBe(302);
    expect(room.headers.get("Location")).toMatch(/^\/login/);
  });

  it("the event streams refuse the outsider as well (by webinar id)", async () => {
    const { loadRoomById } = await import("~/modules/webinars/live/room.server.ts");
    const webinar = await db.webinar.findUniqueOrThrow({ where: { slug } });
    const refused = await loadRoomById(getRequest("/events/x", { cookie: outsider.cookie }), webinar.id).catch((error: Response) => error.status);
    expect(refused).toBe(404);
    expect((await loadRoomById(getRequest("/events/x", { cookie: member.cookie }), webinar.id)).webinar.id).toBe(webinar.id);
  });

  it("is not in the catalogue for anyone, and the digest and calendar list the session once, not the room", async () => {
    for (const who of [member, admin, outsider, null]) {
      const page = await (await call(catalogueLoader, getRequest("/webinars", { cookie: who?.cookie }))).json();
      const slugs = [...page.upcoming, ...page.past].map((entry: { slug: string }) => entry.slug);
      expect(slugs).not.toContain(slug);
    }
    // the tutor (staff: every webinar is open to them) and the member alike
    for (const who of [tutor, member]) {
      const user = await db.user.findUniqueOrThrow({ where: { id: who.id } });
      const digest = await buildDigest(user as never, newRun("WEEKLY", new Date()));
      const entries = digest.sections.flatMap((section) => section.entries.map((entry) => `${section.key}: ${entry.title}`));
      expect(entries.filter((entry) => entry.includes("Mappa della comunità"))).toEqual(["labs: Laboratorio online: Mappa della comunità"]);
      await setCalendarAllWebinars(user, true);
      const url = await renewCalendarFeed(who.id, {});
      const ics = (await calendarFeedFor(url.split("/").pop()!.replace(/\.ics$/, "")))!;
      expect(ics.match(/SUMMARY:.*Mappa della comunit/g)).toHaveLength(1);
    }
  });
});

describe("the register of an online session", () => {
  let counter = 0;
  async function send(event: string, room: string, at: number, participant?: { sid: string; identity: string; joinedAt: number }) {
    const body = JSON.stringify({
      event, id: `EV_lab_${++counter}_${randomBytes(3).toString("hex")}`, createdAt: String(at), room: { sid: "RM_lab", name: room },
      ...(participant ? { participant: { sid: participant.sid, identity: participant.identity, state: "ACTIVE", joinedAt: String(participant.joinedAt), joinedAtMs: String(participant.joinedAt * 1000) } } : {}),
    });
    const response = await call(webhook.action, new Request(new URL("/webhooks/livekit", BASE_URL), { method: "POST", headers: { "Content-Type": "application/webhook+json", Authorization: await signWebhook(body) }, body }));
    expect(response.status).toBe(200);
  }
  beforeAll(() => useLiveKit({ url: "http://127.0.0.1:9" }));
  afterAll(() => useLiveKit(null));

  it("comes pre-filled from the minutes the room recorded (≥ 75 % of the duration); the tutor confirms and the ledger gets the online minutes", async () => {
    const session = await schedule({ title: "Incontro svolto", kind: "ONLINE", day: romeDay(new Date(Date.now() - DAY)), time: "10:00", durationMinutes: "120" });
    const room = await roomOf(session.webinarId);
    const start = Math.floor(session.startsAt.getTime() / 1000);
    await send("room_started", room.roomName, start);
    await send("participant_joined", room.roomName, start + 60, { sid: "PA_anna", identity: member.id, joinedAt: start + 60 });
    await send("participant_joined", room.roomName, start + 600, { sid: "PA_bruno", identity: partial.id, joinedAt: start + 600 });
    await send("participant_left", room.roomName, start + 600 + 30 * 60, { sid: "PA_bruno", identity: partial.id, joinedAt: start + 600 });
    await send("participant_left", room.roomName, start + 60 + 100 * 60, { sid: "PA_anna", identity: member.id, joinedAt: start + 60 });
    await send("room_finished", room.roomName, start + 120 * 60);

    const page = await (await call(sessionLoader, getRequest(`/labs/${labId}/sessions/${session.id}`, { cookie: tutor.cookie }), { id: labId, sessionId: session.id })).json();
    expect(page.room).toEqual({ slug: room.slug });
    expect(page.people.map((p: { name: string; present: boolean; onlineMinutes: number | null }) => [p.name, p.present, p.onlineMinutes])).toEqual([
      ["Anna Online", true, 100],
      ["Bruno Breve", false, 30],
      ["Carla Assente", false, null],
    ]);
    // the tutor confirms what the room saw, and adds Bruno (who followed partly)
    const saved = await call(registerAction, formRequest(`/labs/${labId}/sessions/${session.id}`, { present: [member.id, partial.id] as never }, { cookie: tutor.cookie }), { id: labId, sessionId: session.id });
    expect(saved.status).toBe(302);
    const minutes = async (who: Person) => (await (await call(trainingLoader, getRequest("/account/training", { cookie: who.cookie }))).json()).minutes;
    expect(await minutes(member)).toBe(100);
    expect(await minutes(partial)).toBe(30);
    expect(await minutes(silent)).toBe(0);
    // the room issues no webinar certificate (the hours are the lab's): not even to the member who reached 75 %
    const certificate = await call(certificateLoader, getRequest(`/account/training/certificates/${room.id}`, { cookie: member.cookie }), { webinarId: room.id });
    expect(certificate.status).toBe(404);
    // once confirmed, the register shows what was confirmed
    const confirmed = await (await call(sessionLoader, getRequest(`/labs/${labId}/sessions/${session.id}`, { cookie: tutor.cookie }), { id: labId, sessionId: session.id })).json();
    expect(confirmed.people.map((p: { present: boolean }) => p.present)).toEqual([true, true, false]);
  });

  it("monitoring counts the session as lab hours (ledger), not as webinar attendance or live minutes", async () => {
    const { organizationId } = await db.user.findUniqueOrThrow({ where: { id: member.id }, select: { organizationId: true } });
    const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId! }, select: { id: true, name: true, parentId: true } });
    const filters = { from: romeDay(new Date(Date.now() - 10 * DAY)), to: romeDay(new Date()), preset: null, kit: null, organizationId: null } as Filters;
    const board = await dashboard({ all: false, organizations: [organization] }, filters);
    expect(board.total).toMatchObject({ registrations: 0, attendees: 0, liveMinutes: 0, trainingMinutes: 130 });
  });

  it("members see the room link on the session page; an in-person session has none", async () => {
    const online = await db.labSession.findFirstOrThrow({ where: { labId, title: "Mappa della comunità" } });
    const page = await (await call(sessionLoader, getRequest(`/labs/${labId}/sessions/${online.id}`, { cookie: member.cookie }), { id: labId, sessionId: online.id })).json();
    expect(page.room.slug).toMatch(/^mappa-della-comunita/);
    const inPerson = await db.labSession.findFirstOrThrow({ where: { labId, title: "In sala" } });
    expect((await (await call(sessionLoader, getRequest(`/labs/${labId}/sessions/${inPerson.id}`, { cookie: member.cookie }), { id: labId, sessionId: inPerson.id })).json()).room).toBeNull();
  });
});
