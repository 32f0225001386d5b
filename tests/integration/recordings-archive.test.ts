// The chat and Q&A archive beside the replay: hidden messages and unanswered or dismissed questions
// never appear, anonymous askers stay anonymous, each entry sits at its offset on the recording,
// an answered question links to the moment hosts took it live, and `?t=` starts the player there.
import { db } from "~/lib/db.server.ts";
import { momentHref } from "~/components/recordings/archive.tsx";
import { momentIn } from "~/modules/webinars/recordings/archive.server.ts";
import { loader as pageLoader } from "~/routes/webinars.$slug.recording._index.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, getRequest } from "../helpers/requests.ts";
import { at, createWebinar } from "./recordings-helpers.ts";
import { act, createWebinar as createLiveWebinar, person, withRole } from "./webinar-live-helpers.ts";

const DAY = 24 * 3600 * 1000;

async function viewerAndOutsider() {
  const org = await db.organization.create({ data: { name: "Comune Archivio", kind: "MUNICIPALITY" } });
  await db.enrolment.create({ data: { organizationId: org.id, kit: "BASIC", status: "ACTIVE", startsAt: new Date(Date.now() - DAY), endsAt: new Date(Date.now() + 100 * DAY), seats: 10 } });
  return { viewer: await createUser({ organizationId: org.id }), outsider: await createUser() };
}

type ArchiveJson = {
  archive: { kind: string; id: string; author: string | null; body: string; answer?: string | null; place: { recordingId: string; seconds: number } | null; moment?: { recordingId: string; seconds: number } | null }[];
  start: { recordingId: string; seconds: number } | null;
};

async function setup() {
  const { viewer, outsider } = await viewerAndOutsider();
  const webinar = await createWebinar();
  // The recording started 5 minutes into the webinar and lasted an hour.
  const recording = await db.recording.create({
    data: { webinarId: webinar.id, source: "EGRESS", status: "COMPLETE", egressId: `EG_${webinar.id}`, storageKey: `webinars/recordings/${webinar.id}.mp4`, startedAt: at(5), endedAt: at(65), durationSeconds: 3600 },
  });
  const chat = (body: string, minute: number, hidden = false) =>
    db.webinarChatMessage.create({ data: { webinarId: webinar.id, authorName: "Carla Chat", body, createdAt: at(minute), hiddenAt: hidden ? at(minute + 1) : null } });
  await chat("prima della registrazione", 2);
  await chat("buongiorno a tutti", 10);
  await chat("messaggio offensivo", 11, true);
  const question = (data: { body: string; state: "OPEN" | "ANSWERED_LIVE" | "ANSWERED_WRITTEN" | "DISMISSED" | "PENDING"; minute: number; anonymous?: boolean; answer?: string; liveAnsweredAt?: Date }) =>
    db.webinarQuestion.create({
      data: { webinarId: webinar.id, authorName: data.anonymous ? "Segreto Anonimo" : "Dario Domanda", anonymous: data.anonymous ?? false, body: data.body, state: data.state, answer: data.answer, createdAt: at(data.minute), liveAnsweredAt: data.liveAnsweredAt },
    });
  const live = await question({ body: "Quando esce il bando?", state: "ANSWERED_LIVE", minute: 12, anonymous: true, liveAnsweredAt: at(20, 30) });
  const written = await question({ body: "Serve la PEC?", state: "ANSWERED_WRITTEN", minute: 14, answer: "Sì, la PEC dell'ente." });
  await question({ body: "domanda scartata", state: "DISMISSED", minute: 15 });
  await question({ body: "domanda senza risposta", state: "OPEN", minute: 16 });
  await question({ body: "domanda in attesa", state: "PENDING", minute: 17 });
  return { webinar, recording, viewer, outsider, live, written };
}

describe("the chat and Q&A archive beside the replay", () => {
  it("shows visible chat and answered questions at their offsets, never hidden, dismissed or pending ones, and keeps anonymous askers anonymous", async () => {
    const { webinar, recording, viewer, live, written } = await setup();
    const response = await call(pageLoader, getRequest(`/webinars/${webinar.slug}/recording`, { cookie: await sessionCookieFor(viewer.id) }), { slug: webinar.slug });
    expect(response.status).toBe(200);
    const raw = await response.text();
    for (const secret of ["messaggio offensivo", "domanda scartata", "domanda senza risposta", "domanda in attesa", "Segreto Anonimo"]) expect(raw).not.toContain(secret);
    const { archive, start } = JSON.parse(raw) as ArchiveJson;
    expect(start).toBeNull();
    expect(archive.map((item) => item.body)).toEqual(["prima della registrazione", "buongiorno a tutti", "Quando esce il bando?", "Serve la PEC?"]);
    // Before the recording started: no offset (shown with its time of day); after: seconds into the recording.
    expect(archive[0].place).toBeNull();
    expect(archive[1].place).toEqual({ recordingId: recording.id, seconds: 5 * 60 });
    const liveItem = archive.find((item) => item.id === live.id)!;
    expect(liveItem).toMatchObject({ author: null, answer: null, place: { recordingId: recording.id, seconds: 7 * 60 } });
    // The moment is when hosts took the question live (minute 20:30), minus the recording's start (minute 5).
    expect(liveItem.moment).toEqual({ recordingId: recording.id, seconds: 15 * 60 + 30 });
    expect(momentHref(webinar.slug, liveItem.moment!)).toBe(`/webinars/${webinar.slug}/recording?t=930&r=${recording.id}#t=930`);
    const writtenItem = archive.find((item) => item.id === written.id)!;
    expect(writtenItem).toMatchObject({ author: "Dario Domanda", answer: "Sì, la PEC dell'ente.", moment: null });
  });

  it("?t= starts the linked recording there; a wrong t is ignored", async () => {
    const { webinar, recording, viewer } = await setup();
    const cookie = await sessionCookieFor(viewer.id);
    const load = async (query: string) => (await (await call(pageLoader, getRequest(`/webinars/${webinar.slug}/recording${query}`, { cookie }), { slug: webinar.slug })).json()) as ArchiveJson;
    expect((await load(`?t=930&r=${recording.id}`)).start).toEqual({ recordingId: recording.id, seconds: 930 });
    expect((await load("?t=930")).start).toEqual({ recordingId: recording.id, seconds: 930 });
    expect((await load("?t=-5")).start).toBeNull();
    expect((await load("?t=abc")).start).toBeNull();
  });

  it("is not shown to those who may not watch", async () => {
    const { webinar, outsider } = await setup();
    const response = await call(pageLoader, getRequest(`/webinars/${webinar.slug}/recording`, { cookie: await sessionCookieFor(outsider.id) }), { slug: webinar.slug });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain("buongiorno a tutti");
  });

  it("places an instant on the recording that was running (none for uploads without a known start)", () => {
    const spans = [
      { id: "a", startedAt: at(0), endedAt: at(10), durationSeconds: 600 },
      { id: "b", startedAt: at(20), endedAt: null, durationSeconds: null },
      { id: "upload", startedAt: null, endedAt: null, durationSeconds: 100 },
    ];
    expect(momentIn(spans, at(10))).toEqual({ recordingId: "a", seconds: 600 });
    expect(momentIn(spans, at(10, 1))).toBeNull();
    expect(momentIn(spans, at(25))).toEqual({ recordingId: "b", seconds: 300 });
    expect(momentIn(spans, null)).toBeNull();
  });
});

describe("the moment of an answer", () => {
  it("is stored when hosts take the question live and kept when they mark it answered", async () => {
    const webinar = await createLiveWebinar();
    const host = await withRole(webinar.id, "HOST");
    const anna = await person();
    await db.webinarRegistration.create({ data: { webinarId: webinar.id, userId: anna.id, status: "REGISTERED" } });
    await act(webinar.slug, anna, { intent: "ask", question: "Prima domanda" });
    await act(webinar.slug, anna, { intent: "ask", question: "Seconda domanda" });
    const [first, second] = await db.webinarQuestion.findMany({ where: { webinarId: webinar.id }, orderBy: { body: "asc" } });
    expect((await act(webinar.slug, host, { intent: "question-state", id: first.id, state: "ANSWERING" })).status).toBe(302);
    const taken = (await db.webinarQuestion.findUniqueOrThrow({ where: { id: first.id } })).liveAnsweredAt;
    expect(taken).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await act(webinar.slug, host, { intent: "question-state", id: first.id, state: "ANSWERED_LIVE" });
    expect((await db.webinarQuestion.findUniqueOrThrow({ where: { id: first.id } })).liveAnsweredAt).toEqual(taken);
    // Answered live straight away: the moment is then.
    await act(webinar.slug, host, { intent: "question-state", id: second.id, state: "ANSWERED_LIVE" });
    const direct = (await db.webinarQuestion.findUniqueOrThrow({ where: { id: second.id } })).liveAnsweredAt;
    expect(direct!.getTime()).toBeGreaterThan(taken!.getTime());
  });
});
