// The ledger's totals in SQL (ledgerTotalsByOrganization, what the monitoring dashboards use) give
// the same minutes as the ledger itself (ledger(), the attestation's figures) on awkward cases:
// overlapping and touching connections, a connection never closed, time in the room before the
// start and after the end, replay that counts and replay that does not, the threshold to the second,
// lab registers (confirmed or not) and a lab session's own room.
import { db } from "~/lib/db.server.ts";
import { ledger, ledgerTotalsByOrganization } from "~/modules/training/ledger.server.ts";
import { createUser } from "../helpers/fixtures.ts";
import { at, attend, createWebinar } from "./recordings-helpers.ts";

it("the SQL totals per organization equal the ledger's minutes, person by person summed", async () => {
  const orgA = await db.organization.create({ data: { name: "Comune Somme A", kind: "MUNICIPALITY" } });
  const orgB = await db.organization.create({ data: { name: "Comune Somme B", kind: "MUNICIPALITY" } });
  const [p1, p2, p3] = await Promise.all([createUser({ organizationId: orgA.id }), createUser({ organizationId: orgA.id }), createUser({ organizationId: orgB.id })]);
  // W1: 90 minutes, window [0, 90]. p1 overlapping 0-50 and 40-70 and touching 70-80 -> 80; p2 from
  // 10 minutes before the start to 100 (after the end) -> 90; p3 exactly the threshold: 67.5 minutes.
  const w1 = await createWebinar({ title: "Somme 1" });
  await attend(w1.id, p1.id, 0, 50);
  await attend(w1.id, p1.id, 40, 70);
  await attend(w1.id, p1.id, 70, 80);
  await attend(w1.id, p2.id, -10, 100);
  await db.webinarAttendance.create({ data: { webinarId: w1.id, userId: p3.id, participantSid: "PA_exact", joinedAt: at(0), leftAt: at(67, 30) } });
  // W2: 60 minutes, replay counts; p1 never left (closed by the window's end: 60) ; p2 live 20 + replay 30 = 50
  // (threshold 45); p3 live 10 + replay 20 = 30 (below); a recording still being made does not count.
  const w2 = await createWebinar({ title: "Somme 2", durationMinutes: 60, replayCountsForCertificate: true, liveEndedAt: at(60) });
  await attend(w2.id, p1.id, 5, null);
  await attend(w2.id, p2.id, 0, 20);
  await attend(w2.id, p3.id, 0, 10);
  const recording = await db.recording.create({ data: { webinarId: w2.id, source: "UPLOAD", status: "COMPLETE", durationSeconds: 3600 } });
  const processing = await db.recording.create({ data: { webinarId: w2.id, source: "UPLOAD", status: "ACTIVE", durationSeconds: 3600 } });
  await db.recordingWatch.create({ data: { recordingId: recording.id, userId: p2.id, seconds: new Uint8Array(0), watchedSeconds: 1800 } });
  await db.recordingWatch.create({ data: { recordingId: recording.id, userId: p3.id, seconds: new Uint8Array(0), watchedSeconds: 1200 } });
  await db.recordingWatch.create({ data: { recordingId: processing.id, userId: p3.id, seconds: new Uint8Array(0), watchedSeconds: 3600 } });
  // W3: replay does not count: p1 live 30 (of 60, below 45) + replay 60 -> nothing.
  const w3 = await createWebinar({ title: "Somme 3", durationMinutes: 60, liveEndedAt: at(60) });
  await attend(w3.id, p1.id, 0, 30);
  const r3 = await db.recording.create({ data: { webinarId: w3.id, source: "UPLOAD", status: "COMPLETE", durationSeconds: 3600 } });
  await db.recordingWatch.create({ data: { recordingId: r3.id, userId: p1.id, seconds: new Uint8Array(0), watchedSeconds: 3600 } });

  // A lab: a confirmed register credits p3 with 120 minutes; an unconfirmed one credits nobody yet;
  // the online session's own room (a lab webinar) is counted by the register only, never twice.
  const lab = await db.lab.create({ data: { title: "Lab somme", startsAt: at(0), endsAt: at(60 * 24 * 30) } });
  const labRoom = await createWebinar({ title: "Stanza del lab", labId: lab.id });
  await attend(labRoom.id, p3.id, 0, 60);
  await db.labSession.create({ data: { labId: lab.id, title: "In presenza", kind: "IN_PERSON", startsAt: at(120), confirmedAt: at(300), attendance: { create: { userId: p3.id, minutes: 120 } } } });
  await db.labSession.create({ data: { labId: lab.id, title: "Da confermare", kind: "IN_PERSON", startsAt: at(400), attendance: { create: { userId: p1.id, minutes: 120 } } } });

  const year = at(0).getUTCFullYear();
  const people = await ledger({ organizationIds: [orgA.id, orgB.id] }, year);
  const byOrg = (id: string) => people.filter((p) => p.organizationId === id).reduce((sum, p) => sum + p.minutes, 0);
  // By hand: A = p1 (80 + 55) + p2 (90 + 50) = 275; B = p3 67 (67.5 floored) + 120 in the lab = 187.
  expect(byOrg(orgA.id)).toBe(275);
  expect(byOrg(orgB.id)).toBe(187);
  const totals = await ledgerTotalsByOrganization([orgA.id, orgB.id], year);
  expect(totals.get(orgA.id)).toEqual({ minutes: 275, peopleAtTarget: 0 });
  expect(totals.get(orgB.id)).toEqual({ minutes: 187, peopleAtTarget: 0 });
  const everyone = await ledgerTotalsByOrganization(null, year);
  expect(everyone.get(orgA.id)?.minutes).toBe(275);
});
