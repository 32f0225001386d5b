// Recurring jobs and housekeeping.
import { db } from "~/lib/db.server.ts";
import { defineJob, defineSchedule, definedSchedules, type ScheduleDefinition } from "~/lib/jobs/define.server.ts";
import { runDueJobs } from "~/lib/jobs/runner.server.ts";
import { ensureScheduledJobs, nextSlot } from "~/lib/jobs/schedule.server.ts";
import { createUser } from "../helpers/fixtures.ts";

let digestRuns = 0;
defineJob("test.digest", async () => {
  digestRuns++;
});
const every5: ScheduleDefinition = { name: "test.every-5", type: "test.digest", every: { minutes: 5 } };
defineSchedule(every5);

beforeEach(async () => {
  digestRuns = 0;
  await db.job.deleteMany();
});

describe("slots", () => {
  it("aligns minute schedules so every instance computes the same slot", () => {
    expect(nextSlot({ minutes: 5 }, new Date("2026-05-04T10:02:10Z")).toISOString()).toBe("2026-05-04T10:05:00.000Z");
    expect(nextSlot({ minutes: 5 }, new Date("2026-05-04T10:05:00Z")).toISOString()).toBe("2026-05-04T10:05:00.000Z");
  });

  it("places daily times in Rome, across daylight-saving changes", () => {
    const at3 = { dailyAt: "03:00" };
    expect(nextSlot(at3, new Date("2026-01-10T12:00:00Z")).toISOString()).toBe("2026-01-11T02:00:00.000Z"); // CET
    expect(nextSlot(at3, new Date("2026-07-01T00:30:00Z")).toISOString()).toBe("2026-07-01T01:00:00.000Z"); // CEST, later today
    expect(nextSlot(at3, new Date("2026-03-28T12:00:00Z")).toISOString()).toBe("2026-03-29T01:00:00.000Z"); // the night clocks go forward
    expect(nextSlot(at3, new Date("2026-10-24T12:00:00Z")).toISOString()).toBe("2026-10-25T02:00:00.000Z"); // the night clocks go back
    expect(nextSlot({ dailyAt: "23:30" }, new Date("2026-12-31T22:00:00Z")).toISOString()).toBe("2026-12-31T22:30:00.000Z");
  });
});

describe("ensureScheduledJobs", () => {
  it("creates exactly one job per slot, even when several instances try at once", async () => {
    const now = new Date("2026-05-04T10:02:10Z");
    // Concurrent calls all see no job for the slot, then race to insert it: the unique key decides.
    const created = await Promise.all([1, 2, 3, 4].map(() => ensureScheduledJobs(now, [every5])));
    expect(created.flat()).toEqual(["test.every-5:2026-05-04T10:05:00.000Z"]);
    const jobs = await db.job.findMany({ where: { type: "test.digest" } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0].uniqueKey).toBe("test.every-5:2026-05-04T10:05:00.000Z");
    expect(jobs[0].runAt.toISOString()).toBe("2026-05-04T10:05:00.000Z");

    // Not due before its slot; runs once at it; then the next slot appears.
    expect((await runDueJobs({ now })).claimed).toBe(0);
    const slot = new Date("2026-05-04T10:05:00Z");
    await runDueJobs({ now: slot });
    expect(digestRuns).toBe(1);
    await ensureScheduledJobs(slot, [every5]);
    expect(await db.job.count({ where: { type: "test.digest" } })).toBe(1);
    await ensureScheduledJobs(new Date("2026-05-04T10:05:01Z"), [every5]);
    expect((await db.job.findMany({ where: { type: "test.digest" }, orderBy: { runAt: "asc" } })).map((j) => j.uniqueKey)).toEqual([
      "test.every-5:2026-05-04T10:05:00.000Z",
      "test.every-5:2026-05-04T10:10:00.000Z",
    ]);
    await runDueJobs({ now: new Date("2026-05-04T10:10:00Z") });
    expect(digestRuns).toBe(2);
  });

  it("covers every defined schedule, housekeeping included", async () => {
    const names = definedSchedules().map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["housekeeping.sessions", "housekeeping.reset-tokens", "housekeeping.rate-limits", "housekeeping.jobs", "housekeeping.events", "test.every-5"]));
    const created = await ensureScheduledJobs(new Date());
    expect(created).toHaveLength(names.length);
    expect(await ensureScheduledJobs(new Date())).toEqual([]);
  });
});

describe("housekeeping", () => {
  it("deletes expired sessions, spent reset tokens, old rate-limit windows, old jobs, sent emails and week-old bus events", async () => {
    const now = new Date();
    const hour = 3600_000;
    const day = 24 * hour;
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const ahead = (ms: number) => new Date(now.getTime() + ms);
    const user = await createUser();

    await db.session.createMany({
      data: [
        { id: "live", userId: user.id, expiresAt: ahead(day), absoluteExpiresAt: ahead(30 * day) },
        { id: "idle-expired", userId: user.id, expiresAt: ago(hour), absoluteExpiresAt: ahead(30 * day) },
        { id: "too-old", userId: user.id, expiresAt: ahead(day), absoluteExpiresAt: ago(hour) },
      ],
    });
    await db.passwordResetToken.createMany({
      data: [
        { tokenHash: "fresh", userId: user.id, expiresAt: ahead(hour) },
        { tokenHash: "used-recently", userId: user.id, expiresAt: ahead(hour), usedAt: ago(hour) },
        { tokenHash: "used-long-ago", userId: user.id, expiresAt: ago(2 * day), usedAt: ago(2 * day) },
        { tokenHash: "expired-long-ago", userId: user.id, expiresAt: ago(2 * day) },
      ],
    });
    await db.rateLimitBucket.createMany({
      data: [
        { key: "current", count: 1, expiresAt: ahead(60_000) },
        { key: "past", count: 9, expiresAt: ago(60_000) },
      ],
    });
    await db.job.createMany({
      data: [
        { type: "test.digest", status: "DONE", completedAt: ago(31 * day) },
        { type: "test.digest", status: "DONE", completedAt: ago(day) },
        { type: "test.digest", status: "FAILED", completedAt: ago(60 * day) },
      ],
    });
    const email = { toAddress: "a@b.it", subject: "s", html: "h", text: "t", template: "password-reset", locale: "it" };
    await db.outboxEmail.createMany({
      data: [
        { ...email, status: "SENT", sentAt: ago(31 * day) },
        { ...email, status: "SENT", sentAt: ago(day) },
      ],
    });

    await db.eventStream.create({ data: { stream: "webinar:w1:room", lastSeq: 2 } });
    await db.event.createMany({
      data: [
        { stream: "webinar:w1:room", seq: 1, type: "message", data: "{}", createdAt: ago(8 * day) },
        { stream: "webinar:w1:room", seq: 2, type: "message", data: "{}", createdAt: ago(6 * day) },
      ],
    });

    // Run every housekeeping job through the queue, as the worker does at their slots (moved to now).
    const housekeeping = definedSchedules().filter((s) => s.name.startsWith("housekeeping."));
    await ensureScheduledJobs(now, housekeeping);
    await db.job.updateMany({ where: { type: { startsWith: "housekeeping." } }, data: { runAt: now } });
    const summary = await runDueJobs({ now });
    expect(summary.done).toBe(housekeeping.length);

    expect((await db.session.findMany()).map((s) => s.id)).toEqual(["live"]);
    expect((await db.passwordResetToken.findMany({ orderBy: { tokenHash: "asc" } })).map((t) => t.tokenHash)).toEqual(["fresh", "used-recently"]);
    expect((await db.rateLimitBucket.findMany()).map((b) => b.key)).toEqual(["current"]);
    // The recent DONE job, the FAILED one (kept for inspection) and the housekeeping jobs just run.
    expect(await db.job.count({ where: { type: "test.digest" } })).toBe(2);
    expect(await db.outboxEmail.count()).toBe(1);
    // The week-old event goes; the stream's numbering carries on from where it was.
    expect((await db.event.findMany()).map((e) => e.seq)).toEqual([2]);
    expect((await db.eventStream.findUnique({ where: { stream: "webinar:w1:room" } }))?.lastSeq).toBe(2);
  });
});
