// Q&A, polls and technical assistance of the live page: anonymity (events and page data carry no
// identity for anonymous questions to other attendees; staff see who), pre-moderation, one upvote
// per person (toggle, concurrent clicks), states and the speaker's highlight, registration
// questions imported once; polls (one answer per person, results shown when the host chooses);
// assistance threads private to the person and the support staff.
import { db } from "~/lib/db.server.ts";
import { eventBus } from "~/lib/events/index.server.ts";
import { closeAllStreams } from "~/lib/events/sse.server.ts";
import { setVoteCountInterval } from "~/modules/webinars/live/qa.server.ts";
import { act, endWebinar, createWebinar, loadData, parsed, person, readStream, withRole } from "./webinar-live-helpers.ts";

afterAll(() => {
  closeAllStreams();
});

describe("questions", () => {
  it("keeps an anonymous question's author from other attendees (events and page), and shows staff who asked", async () => {
    const webinar = await createWebinar();
    const [anna, bruno] = [await person({ name: "Anna Segreta" }), await person()];
    const host = await withRole(webinar.id, "HOST");
    const attendeeStream = await readStream(webinar.id, bruno);
    const staffStream = await readStream(webinar.id, host, "staff");
    expect((await act(webinar.slug, anna, { intent: "ask", question: "Quando esce il bando?", anonymous: "on" })).status).toBe(302);
    await vi.waitFor(() => expect(attendeeStream.events()).toHaveLength(1));
    await vi.waitFor(() => expect(staffStream.events()).toHaveLength(1));
    const attendeeText = attendeeStream.frames.map((f) => f.data ?? "").join("");
    expect(attendeeText).not.toContain("Anna");
    expect(attendeeText).not.toContain(anna.id);
    expect(parsed(attendeeStream.events())[0].data).toMatchObject({ author: null, anonymous: true, body: "Quando esce il bando?" });
    expect(parsed(staffStream.events())[0].data).toMatchObject({ author: null, askedBy: "Anna Segreta" });

    const attendeePage = await loadData(webinar.slug, bruno);
    expect(JSON.stringify(attendeePage)).not.toContain("Anna Segreta");
    expect(attendeePage.questions[0]).toMatchObject({ author: null, body: "Quando esce il bando?" });
    const staffPage = await loadData(webinar.slug, host);
    expect(staffPage.questions[0].askedBy).toBe("Anna Segreta");

    // Voting never names the voter either.
    expect((await act(webinar.slug, bruno, { intent: "vote", id: attendeePage.questions[0].id })).status).toBe(302);
    await vi.waitFor(() => expect(attendeeStream.events()).toHaveLength(2));
    expect(parsed(attendeeStream.events())[1]).toEqual({ event: "votes", data: { id: attendeePage.questions[0].id, votes: 1 } });
    await attendeeStream.cancel();
    await staffStream.cancel();
  });

  it("counts one upvote per person, as a toggle, even with simultaneous clicks", async () => {
    const webinar = await createWebinar();
    const [anna, bruno, carla] = [await person(), await person(), await person()];
    await act(webinar.slug, anna, { intent: "ask", question: "Domanda uno" });
    const [question] = (await loadData(webinar.slug, anna)).questions;
    expect((await act(webinar.slug, bruno, { intent: "vote", id: question.id })).status).toBe(302);
    expect((await loadData(webinar.slug, bruno)).myVotes).toEqual([question.id]);
    expect((await act(webinar.slug, bruno, { intent: "vote", id: question.id })).status).toBe(302);
    expect((await loadData(webinar.slug, bruno)).questions[0].votes).toBe(0);
    await Promise.all([1, 2, 3, 4].map(() => act(webinar.slug, carla, { intent: "vote", id: question.id })));
    const votes = await db.webinarQuestionVote.count({ where: { questionId: question.id } });
    expect(votes).toBe(0); // four toggles
    // The stored counter follows the rows within a moment.
    await vi.waitFor(async () => expect((await db.webinarQuestion.findUniqueOrThrow({ where: { id: question.id } })).voteCount).toBe(votes));
    await act(webinar.slug, carla, { intent: "vote", id: question.id });
    await act(webinar.slug, anna, { intent: "vote", id: question.id });
    expect((await loadData(webinar.slug, bruno)).questions[0].votes).toBe(2);
  });

  it("tells open pages a burst of votes as a few count updates, the last one with the final count", async () => {
    const webinar = await createWebinar();
    const asker = await person();
    const voters = await Promise.all(Array.from({ length: 40 }, () => person()));
    await act(webinar.slug, asker, { intent: "ask", question: "Domanda molto votata" });
    const [question] = (await loadData(webinar.slug, asker)).questions;
    const page = await readStream(webinar.id, asker);
    setVoteCountInterval(1_000);
    try {
      const answers = await Promise.all(voters.map((voter) => act(webinar.slug, voter, { intent: "vote", id: question.id })));
      expect(answers.every((answer) => answer.status === 302)).toBe(true);
      await vi.waitFor(() => expect(parsed(page.events()).at(-1)).toEqual({ event: "votes", data: { id: question.id, votes: 40 } }), { timeout: 10_000 });
      // Each vote was an event sent to every open page; now the counts of a second are one event.
      const counts = parsed(page.events()).filter((event) => event.event === "votes");
      expect(counts.length).toBeLessThan(voters.length / 4);
      // Counts only grow, in the order the votes committed.
      const values = counts.map((event) => event.data.votes as number);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect((await db.webinarQuestion.findUniqueOrThrow({ where: { id: question.id } })).voteCount).toBe(40);
    } finally {
      setVoteCountInterval(100);
      await page.cancel();
    }
  });

  it("counts a vote again when telling its count failed (a busy database)", async () => {
    const webinar = await createWebinar();
    const [asker, voter] = [await person(), await person()];
    await act(webinar.slug, asker, { intent: "ask", question: "Domanda in un momento difficile" });
    const [question] = (await loadData(webinar.slug, asker)).questions;
    const page = await readStream(webinar.id, asker);
    const busy = vi.spyOn(eventBus(), "publishComputed").mockImplementationOnce(() => Promise.reject(new Error("database busy")));
    try {
      expect((await act(webinar.slug, voter, { intent: "vote", id: question.id })).status).toBe(302);
      await vi.waitFor(() => expect(parsed(page.events()).at(-1)).toEqual({ event: "votes", data: { id: question.id, votes: 1 } }), { timeout: 5_000 });
      expect(busy).toHaveBeenCalledTimes(2);
      expect((await db.webinarQuestion.findUniqueOrThrow({ where: { id: question.id } })).voteCount).toBe(1);
    } finally {
      busy.mockRestore();
      await page.cancel();
    }
  });

  it("sorts by votes or by time, the question being answered first", async () => {
    const webinar = await createWebinar();
    const [anna, bruno] = [await person(), await person()];
    const speaker = await withRole(webinar.id, "SPEAKER");
    for (const text of ["prima", "seconda", "terza"]) await act(webinar.slug, anna, { intent: "ask", question: text });
    const byTime = (await loadData(webinar.slug, bruno, "?sort=time")).questions;
    expect(byTime.map((q) => q.body)).toEqual(["prima", "seconda", "terza"]);
    await act(webinar.slug, bruno, { intent: "vote", id: byTime[2].id });
    expect((await loadData(webinar.slug, bruno)).questions.map((q) => q.body)).toEqual(["terza", "prima", "seconda"]);
    expect((await act(webinar.slug, speaker, { intent: "question-state", id: byTime[1].id, state: "ANSWERING" })).status).toBe(302);
    expect((await loadData(webinar.slug, bruno)).questions.map((q) => [q.body, q.state])).toEqual([
      ["seconda", "ANSWERING"],
      ["terza", "OPEN"],
      ["prima", "OPEN"],
    ]);
    // The next one answered: the previous goes back to open.
    await act(webinar.slug, speaker, { intent: "question-state", id: byTime[0].id, state: "ANSWERING" });
    expect((await db.webinarQuestion.findMany({ where: { webinarId: webinar.id, state: "ANSWERING" } })).map((q) => q.body)).toEqual(["prima"]);
  });

  it("moves questions through answered live, answered in writing (with the text) and dismissed", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    const host = await withRole(webinar.id, "HOST");
    for (const text of ["a voce", "per iscritto", "fuori tema"]) await act(webinar.slug, anna, { intent: "ask", question: text });
    const qs = (await loadData(webinar.slug, anna, "?sort=time")).questions;
    expect((await act(webinar.slug, anna, { intent: "question-state", id: qs[0].id, state: "ANSWERED_LIVE" })).status).toBe(403);
    await act(webinar.slug, host, { intent: "question-state", id: qs[0].id, state: "ANSWERED_LIVE" });
    expect((await act(webinar.slug, host, { intent: "question-state", id: qs[1].id, state: "ANSWERED_WRITTEN" })).status).toBe(400);
    await act(webinar.slug, host, { intent: "question-state", id: qs[1].id, state: "ANSWERED_WRITTEN", answer: "Il bando esce a marzo." });
    await act(webinar.slug, host, { intent: "question-state", id: qs[2].id, state: "DISMISSED" });
    const seen = (await loadData(webinar.slug, anna, "?sort=time")).questions;
    expect(seen.map((q) => [q.body, q.state, q.answer])).toEqual([
      ["a voce", "ANSWERED_LIVE", null],
      ["per iscritto", "ANSWERED_WRITTEN", "Il bando esce a marzo."],
    ]);
  });

  it("with pre-moderation, shows a question to others only once approved", async () => {
    const webinar = await createWebinar();
    const [anna, bruno] = [await person(), await person()];
    const host = await withRole(webinar.id, "HOST");
    await act(webinar.slug, host, { intent: "settings", chatEnabled: "on", qaPremoderated: "on", slowModeSeconds: "0" });
    const watching = await readStream(webinar.id, bruno);
    await act(webinar.slug, anna, { intent: "ask", question: "Domanda da approvare" });
    expect((await loadData(webinar.slug, bruno)).questions).toEqual([]);
    const [pending] = (await loadData(webinar.slug, host)).questions;
    expect(pending.state).toBe("PENDING");
    expect((await act(webinar.slug, bruno, { intent: "vote", id: pending.id })).status).toBe(404);
    await act(webinar.slug, host, { intent: "question-state", id: pending.id, state: "OPEN" });
    await vi.waitFor(() => expect(parsed(watching.events()).map((e) => e.event)).toEqual(["question"]));
    expect((await loadData(webinar.slug, bruno)).questions.map((q) => q.body)).toEqual(["Domanda da approvare"]);
    await watching.cancel();
  });

  it("refuses empty, oversize and control-character questions with a message", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    for (const question of ["", "x".repeat(501), "ciao\u0007"]) {
      const response = await act(webinar.slug, anna, { intent: "ask", question });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.question).toHaveLength(1);
    }
    expect(await db.webinarQuestion.count({ where: { webinarId: webinar.id } })).toBe(0);
  });

  it("brings the questions written at registration into the Q&A once, anonymous to other attendees", async () => {
    const webinar = await createWebinar({ status: "SCHEDULED", startsAt: new Date(Date.now() + 3_600_000) });
    const [anna, bruno] = [await person({ name: "Anna Iscritta" }), await person()];
    await db.webinarRegistration.create({ data: { webinarId: webinar.id, userId: anna.id, status: "REGISTERED", question: "Ci saranno le slide?" } });
    await db.webinarRegistration.create({ data: { webinarId: webinar.id, userId: bruno.id, status: "CANCELLED", question: "Domanda ritirata" } });
    const first = await loadData(webinar.slug, bruno);
    expect(first.questions.map((q) => [q.body, q.author])).toEqual([["Ci saranno le slide?", null]]);
    expect(JSON.stringify(first)).not.toContain("Anna Iscritta");
    await Promise.all([loadData(webinar.slug, anna), loadData(webinar.slug, bruno)]);
    // Goes live: a late registration's question arrives too, the earlier one is not repeated.
    const carla = await person();
    await db.webinarRegistration.create({ data: { webinarId: webinar.id, userId: carla.id, status: "REGISTERED", question: "Registrate la sessione?" } });
    await db.webinar.update({ where: { id: webinar.id }, data: { status: "LIVE", liveStartedAt: new Date(Date.now() + 1000) } });
    await Promise.all([loadData(webinar.slug, anna), loadData(webinar.slug, carla)]);
    expect((await db.webinarQuestion.findMany({ where: { webinarId: webinar.id }, orderBy: { createdAt: "asc" } })).map((q) => q.body)).toEqual([
      "Ci saranno le slide?",
      "Registrate la sessione?",
    ]);
  });
});

describe("polls", () => {
  it("are prepared, opened and closed by hosts; one answer per person; results shown to attendees when the host chooses", async () => {
    const webinar = await createWebinar();
    const [anna, bruno] = [await person(), await person()];
    const host = await withRole(webinar.id, "HOST");
    const support = await withRole(webinar.id, "SUPPORT");
    expect((await act(webinar.slug, support, { intent: "poll-create", pollQuestion: "Vi sentite?", pollOptions: "Sì\nNo" })).status).toBe(403);
    expect((await act(webinar.slug, host, { intent: "poll-create", pollQuestion: "Vi sentite?", pollOptions: "Solo una" })).status).toBe(400);
    expect((await act(webinar.slug, host, { intent: "poll-create", pollQuestion: "Vi sentite?", pollOptions: "Sì\nNo\n\nA tratti" })).status).toBe(302);
    // Prepared: attendees do not see it yet.
    expect((await loadData(webinar.slug, anna)).polls).toEqual([]);
    const [poll] = (await loadData(webinar.slug, host)).polls;
    expect(poll.options.map((o) => o.label)).toEqual(["Sì", "No", "A tratti"]);
    expect((await act(webinar.slug, anna, { intent: "poll-answer", id: poll.id, option: poll.options[0].id })).status).toBe(404);

    const watching = await readStream(webinar.id, bruno);
    await act(webinar.slug, host, { intent: "poll-change", id: poll.id, change: "open" });
    await vi.waitFor(() => expect(watching.events()).toHaveLength(1));
    expect(parsed(watching.events())[0].data).toMatchObject({ state: "OPEN", total: null });
    expect((await act(webinar.slug, anna, { intent: "poll-answer", id: poll.id, option: [poll.options[0].id, poll.options[1].id] })).status).toBe(400);
    expect((await act(webinar.slug, anna, { intent: "poll-answer", id: poll.id, option: poll.options[0].id })).status).toBe(302);
    const again = await act(webinar.slug, anna, { intent: "poll-answer", id: poll.id, option: poll.options[1].id });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { formError: string }).formError).toBe("webinarLive:errors.alreadyAnswered");
    // Results hidden from attendees, always visible to staff.
    expect((await loadData(webinar.slug, bruno)).polls[0].total).toBeNull();
    expect((await loadData(webinar.slug, host)).polls[0].options.map((o) => o.votes)).toEqual([1, 0, 0]);
    await act(webinar.slug, host, { intent: "poll-change", id: poll.id, change: "show" });
    await vi.waitFor(() => expect(parsed(watching.events()).at(-1)?.data).toMatchObject({ total: 1 }));
    await act(webinar.slug, bruno, { intent: "poll-answer", id: poll.id, option: poll.options[2].id });
    await act(webinar.slug, host, { intent: "poll-change", id: poll.id, change: "close" });
    expect((await act(webinar.slug, anna, { intent: "poll-answer", id: poll.id, option: poll.options[2].id })).status).toBe(409);
    // Results kept, also after the webinar.
    await db.webinar.update({ where: { id: webinar.id }, data: { status: "ENDED" } });
    const after = (await loadData(webinar.slug, bruno)).polls[0];
    expect(after).toMatchObject({ state: "CLOSED", total: 2 });
    expect(after.options.map((o) => o.votes)).toEqual([1, 0, 1]);
    await watching.cancel();
  });

  it("counts a multiple-choice answer once per person", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    const host = await withRole(webinar.id, "HOST");
    await act(webinar.slug, host, { intent: "poll-create", pollQuestion: "Quali strumenti usate?", pollOptions: "PEC\nSPID\nPagoPA", multiple: "on", showResults: "on" });
    const [poll] = (await loadData(webinar.slug, host)).polls;
    await act(webinar.slug, host, { intent: "poll-change", id: poll.id, change: "open" });
    const answers = await Promise.all([0, 1].map(() => act(webinar.slug, anna, { intent: "poll-answer", id: poll.id, option: [poll.options[0].id, poll.options[2].id] })));
    expect(answers.map((a) => a.status).sort()).toEqual([302, 409]);
    const seen = (await loadData(webinar.slug, anna)).polls[0];
    expect(seen.total).toBe(1);
    expect(seen.options.map((o) => o.votes)).toEqual([1, 0, 1]);
  });
});

describe("technical assistance", () => {
  it("is a private thread between the person and support staff, with a queue and canned answers", async () => {
    const webinar = await createWebinar();
    const [anna, bruno] = [await person({ name: "Anna Aiuto" }), await person()];
    const support = await withRole(webinar.id, "SUPPORT", { name: "Sara Supporto" });
    const annaOwn = await readStream(webinar.id, anna, "me");
    const brunoRoom = await readStream(webinar.id, bruno);
    const brunoOwn = await readStream(webinar.id, bruno, "me");
    const staff = await readStream(webinar.id, support, "staff");
    expect((await act(webinar.slug, anna, { intent: "help", help: "Non sento niente" })).status).toBe(302);
    await vi.waitFor(() => expect(staff.events()).toHaveLength(1));
    expect(parsed(staff.events())[0]).toMatchObject({ event: "assist-queue", data: { person: "Anna Aiuto", awaitingStaff: true, handledBy: null } });
    const { queue } = await loadData(webinar.slug, support);
    expect(queue.map((q) => q.person)).toEqual(["Anna Aiuto"]);
    // Attendees may not read or answer it.
    expect((await act(webinar.slug, bruno, { intent: "reply", id: queue[0].threadId, reply: "ciao" })).status).toBe(403);
    expect((await loadData(webinar.slug, bruno, `?thread=${queue[0].threadId}`)).assist).toEqual([]);

    expect((await act(webinar.slug, support, { intent: "take", id: queue[0].threadId })).status).toBe(302);
    expect((await act(webinar.slug, support, { intent: "reply", id: queue[0].threadId, canned: "audioCheck" })).status).toBe(302);
    await vi.waitFor(() => expect(annaOwn.events()).toHaveLength(2));
    expect(parsed(annaOwn.events())[1].data).toMatchObject({ fromStaff: true, author: "Sara Supporto" });
    expect(String(parsed(annaOwn.events())[1].data.body)).toContain("audio");
    const after = await loadData(webinar.slug, support);
    expect(after.queue[0]).toMatchObject({ awaitingStaff: false, handledBy: "Sara Supporto" });
    expect((await loadData(webinar.slug, anna)).assist.map((m) => m.fromStaff)).toEqual([false, true]);
    // Nothing of it reached anyone else.
    expect(brunoRoom.events()).toHaveLength(0);
    expect(brunoOwn.events()).toHaveLength(0);
    for (const sse of [annaOwn, brunoRoom, brunoOwn, staff]) await sse.cancel();
  });

  it("puts unanswered requests first in the queue", async () => {
    const webinar = await createWebinar();
    const [anna, bruno] = [await person({ name: "Anna Prima" }), await person({ name: "Bruno Secondo" })];
    const support = await withRole(webinar.id, "SUPPORT");
    await act(webinar.slug, anna, { intent: "help", help: "Problema 1" });
    await act(webinar.slug, bruno, { intent: "help", help: "Problema 2" });
    const { queue } = await loadData(webinar.slug, support);
    await act(webinar.slug, support, { intent: "reply", id: queue[0].threadId, reply: "Risolto?" });
    expect((await loadData(webinar.slug, support)).queue.map((q) => [q.person, q.awaitingStaff])).toEqual([
      ["Bruno Secondo", true],
      ["Anna Prima", false],
    ]);
  });
});

describe("presence, archive and export", () => {
  it("counts the people with the page open for the staff, across page loads and streams", async () => {
    const webinar = await createWebinar();
    const [anna, bruno] = [await person(), await person()];
    const host = await withRole(webinar.id, "HOST");
    const staff = await readStream(webinar.id, host, "staff");
    await loadData(webinar.slug, anna);
    const brunoRoom = await readStream(webinar.id, bruno);
    // Arrivals are coalesced into one count a few seconds later.
    await vi.waitFor(() => expect(parsed(staff.events()).filter((e) => e.event === "presence").map((e) => e.data.count)).toEqual([2]), { timeout: 5_000 });
    // The host's own page load counts them too.
    expect((await loadData(webinar.slug, host)).presence).toBe(3);
    // Someone who left more than the window ago no longer counts.
    await db.webinarPresence.updateMany({ where: { webinarId: webinar.id, userId: anna.id }, data: { seenAt: new Date(Date.now() - 10 * 60_000) } });
    expect((await loadData(webinar.slug, host)).presence).toBe(2);
    expect((await loadData(webinar.slug, anna)).presence).toBeNull();
    await staff.cancel();
    await brunoRoom.cancel();
  });

  it("keeps chat, answered questions and poll results readable after the webinar, for those allowed", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    const host = await withRole(webinar.id, "HOST");
    await act(webinar.slug, anna, { intent: "chat", message: "Grazie a tutti" });
    await act(webinar.slug, anna, { intent: "ask", question: "Dove trovo le slide?" });
    const [q] = (await loadData(webinar.slug, host)).questions;
    await act(webinar.slug, host, { intent: "question-state", id: q.id, state: "ANSWERED_WRITTEN", answer: "Nei materiali del webinar." });
    await endWebinar(webinar);
    const later = await person();
    const archive = await loadData(webinar.slug, later);
    expect(archive.messages.map((m) => m.html)).toEqual(["<p>Grazie a tutti</p>\n"]);
    expect(archive.questions.map((x) => [x.body, x.answer])).toEqual([["Dove trovo le slide?", "Nei materiali del webinar."]]);
    expect((await act(webinar.slug, later, { intent: "ask", question: "Ancora una?" })).status).toBe(409);
  });

  it("exports the Q&A as CSV for the staff, with formula cells neutralised", async () => {
    const webinar = await createWebinar();
    const [anna, bruno] = [await person({ name: "=HYPERLINK(\"http://x\")" }), await person()];
    const speaker = await withRole(webinar.id, "SPEAKER");
    await act(webinar.slug, anna, { intent: "ask", question: "+1 per la domanda; e \"citazioni\"", anonymous: "on" });
    const csvRoute = await import("~/routes/webinars.$slug.live.questions[.]csv.ts");
    const { call, getRequest } = await import("../helpers/requests.ts");
    const refused = await call(csvRoute.loader, getRequest(`/webinars/${webinar.slug}/live/questions.csv`, { cookie: bruno.cookie }), { slug: webinar.slug });
    expect(refused.status).toBe(403);
    const response = await call(csvRoute.loader, getRequest(`/webinars/${webinar.slug}/live/questions.csv`, { cookie: speaker.cookie }), { slug: webinar.slug });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines[1]).toContain(`"'+1 per la domanda; e ""citazioni"""`);
    expect(lines[1]).toContain(";sì;");
  });
});

describe("demo data", () => {
  it("adds chat, questions and a poll to live and ended webinars once", async () => {
    const { seed } = await import("../../prisma/seed.ts");
    const { seedWebinarLive } = await import("../../prisma/seed/webinar-live.ts");
    await seed();
    const webinar = await createWebinar({ status: "ENDED" });
    await seedWebinarLive();
    await seedWebinarLive();
    expect(await db.webinarChatMessage.count({ where: { webinarId: webinar.id } })).toBe(3);
    expect(await db.webinarQuestion.count({ where: { webinarId: webinar.id } })).toBe(2);
    expect(await db.webinarPollBallot.count({ where: { poll: { webinarId: webinar.id } } })).toBe(2);
  });
});
