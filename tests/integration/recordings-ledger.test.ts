// The training-hours ledger against hand-computed values: only webinars whose threshold was
// reached count, with live minutes plus replay minutes where allowed, per Rome calendar year.
import { db } from "~/lib/db.server.ts";
import { loader as adminCsv } from "~/routes/admin.training.csv.tsx";
import { loader as adminLoader } from "~/routes/admin.training._index.tsx";
import { loader as attestationLoader } from "~/routes/account.training.attestation.tsx";
import { loader as ownLoader } from "~/routes/account.training._index.tsx";
import { loader as orgLoader } from "~/routes/organization.training._index.tsx";
import { PDFParse } from "pdf-parse";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, getRequest } from "../helpers/requests.ts";
import { attend, createWebinar } from "./recordings-helpers.ts";

async function scenario() {
  const orgA = await db.organization.create({ data: { name: "Comune Registro A", kind: "MUNICIPALITY" } });
  const orgB = await db.organization.create({ data: { name: "Comune Registro B", kind: "MUNICIPALITY" } });
  const paola = await createUser({ name: "Paola Registro", organizationId: orgA.id });
  const quinto = await createUser({ name: "Quinto Zero", organizationId: orgA.id });
  const rita = await createUser({ name: "Rita Altro", organizationId: orgB.id });
  const manager = await createUser({ organizationId: orgA.id, isOrganizationManager: true });
  // A: 90 min, live 80 -> 80
  const a = await createWebinar({ title: "Webinar A" });
  await attend(a.id, paola.id, 0, 80);
  await attend(a.id, rita.id, 0, 90);
  // B: 60 min, replay counts: live 30 + replay 20 = 50 >= 45 -> 50
  const b = await createWebinar({ title: "Webinar B", durationMinutes: 60, replayCountsForCertificate: true, liveEndedAt: null, liveStartedAt: new Date("2026-06-10T08:00:00Z"), startsAt: new Date("2026-06-10T08:00:00Z") });
  await db.webinar.update({ where: { id: b.id }, data: { liveEndedAt: new Date("2026-06-10T09:00:00Z") } });
  await db.webinarAttendance.create({ data: { webinarId: b.id, userId: paola.id, participantSid: "PA_b", joinedAt: new Date("2026-06-10T08:00:00Z"), leftAt: new Date("2026-06-10T08:30:00Z") } });
  const recording = await db.recording.create({ data: { webinarId: b.id, source: "UPLOAD", status: "COMPLETE", durationSeconds: 3600 } });
  await db.recordingWatch.create({ data: { recordingId: recording.id, userId: paola.id, seconds: new Uint8Array(0), watchedSeconds: 20 * 60 } });
  // C: 60 min, live 40 < 45 -> nothing
  const c = await createWebinar({ title: "Webinar C", durationMinutes: 60, liveEndedAt: null });
  await db.webinar.update({ where: { id: c.id }, data: { liveEndedAt: new Date(c.startsAt.getTime() + 60 * 60_000) } });
  await attend(c.id, paola.id, 0, 40);
  // D: 1 January 2026 at 00:30 in Rome (31 December in UTC): belongs to 2026 -> 30 of 30
  const dStart = new Date("2025-12-31T23:30:00Z");
  const d = await createWebinar({ title: "Webinar D", durationMinutes: 30, startsAt: dStart, liveStartedAt: dStart, liveEndedAt: new Date(dStart.getTime() + 30 * 60_000) });
  await db.webinarAttendance.create({ data: { webinarId: d.id, userId: paola.id, participantSid: "PA_d", joinedAt: dStart, leftAt: new Date(dStart.getTime() + 30 * 60_000) } });
  // E: 2025 -> not in 2026
  const eStart = new Date("2025-05-05T08:00:00Z");
  const e = await createWebinar({ title: "Webinar E", startsAt: eStart, liveStartedAt: eStart, liveEndedAt: new Date(eStart.getTime() + 90 * 60_000) });
  await db.webinarAttendance.create({ data: { webinarId: e.id, userId: paola.id, participantSid: "PA_e", joinedAt: eStart, leftAt: new Date(eStart.getTime() + 90 * 60_000) } });
  return { paola, quinto, rita, manager };
}

const get = async (fn: Parameters<typeof call>[0], path: string, userId?: string) => call(fn, getRequest(path, { cookie: userId ? await sessionCookieFor(userId) : undefined }));

it("a member sees their own hours: 80 + 50 + 30 minutes = 2,6 hours of 40 in 2026", async () => {
  const { paola } = await scenario();
  const data = await (await get(ownLoader, "/account/training?year=2026", paola.id)).json();
  expect(data.target).toBe(40);
  expect(data.minutes).toBe(160);
  expect(data.entries.map((e: { title: string; creditedMinutes: number }) => [e.title, e.creditedMinutes])).toEqual([
    ["Webinar D", 30],
    ["Webinar B", 50],
    ["Webinar A", 80],
  ]);
  const y2025 = await (await get(ownLoader, "/account/training?year=2025", paola.id)).json();
  expect(y2025.minutes).toBe(90);
  const pdf = await get(attestationLoader, "/account/training/attestation?year=2026", paola.id);
  const parser = new PDFParse({ data: new Uint8Array(await pdf.arrayBuffer()) });
  const text = (await parser.getText()).text;
  await parser.destroy();
  expect(text).toContain("Paola Registro");
  expect(text).toContain("Ore di formazione svolte: 2,6 (obiettivo: 40; minuti: 160)");
});

it("a manager sees their organization's members (with zero hours too), not another's", async () => {
  const { manager } = await scenario();
  const data = await (await get(orgLoader, "/organization/training?year=2026", manager.id)).json();
  expect(data.people.map((p: { name: string; minutes: number }) => [p.name, p.minutes])).toEqual(
    expect.arrayContaining([
      ["Paola Registro", 160],
      ["Quinto Zero", 0],
    ]),
  );
  expect(data.people.some((p: { name: string }) => p.name === "Rita Altro")).toBe(false);
});

it("admins see everyone with hours, and the CSV has a row per webinar and a total", async () => {
  const { paola, rita } = await scenario();
  const admin = await createUser({ role: "ADMIN" });
  const data = await (await get(adminLoader, "/admin/training?year=2026", admin.id)).json();
  const byId = Object.fromEntries(data.people.map((p: { userId: string; minutes: number }) => [p.userId, p.minutes]));
  expect(byId[paola.id]).toBe(160);
  expect(byId[rita.id]).toBe(90);
  const csv = await (await get(adminCsv, "/admin/training/csv?year=2026", admin.id)).text();
  expect(csv).toContain('Paola Registro;' + paola.email + ';Comune Registro A;Totale;;;;160;"2,6"');
  expect(csv).toContain(';Webinar B;2026-06-10;30;20;50;"0,8"');
  expect((await get(adminLoader, "/admin/training", paola.id)).status).toBe(403);
  expect((await get(orgLoader, "/organization/training", paola.id)).status).toBe(403);
});
