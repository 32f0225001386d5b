// Certificates: after a webinar with two attendees, one above and one below the threshold, only
// the first downloads a PDF (it parses and names the person, the hours and the code), the code
// verifies publicly, a wrong code reveals nothing.
import { PDFParse } from "pdf-parse";
import { db } from "~/lib/db.server.ts";
import { hashCode, normalizeCode, verifyCertificate } from "~/modules/certificates/certificates.server.ts";
import { loader as certificateLoader } from "~/routes/account.training.certificates.$webinarId.tsx";
import { loader as verifyLoader } from "~/routes/verify.$code.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, getRequest } from "../helpers/requests.ts";
import { attend, createWebinar } from "./recordings-helpers.ts";

async function pdfText(response: Response) {
  const parser = new PDFParse({ data: new Uint8Array(await response.arrayBuffer()) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

const download = async (webinarId: string, userId: string) =>
  call(certificateLoader, getRequest(`/account/training/certificates/${webinarId}`, { cookie: await sessionCookieFor(userId) }), { webinarId });

it("only the attendee above the threshold gets a certificate; its PDF names them, the hours and the code", async () => {
  const org = await db.organization.create({ data: { name: "Comune di Attestazione", kind: "MUNICIPALITY" } });
  const webinar = await createWebinar({ title: "Accessibilità dei siti comunali" });
  const above = await createUser({ name: "Giulia Presente", organizationId: org.id });
  const below = await createUser({ name: "Marco Parziale" });
  await attend(webinar.id, above.id, 0, 90);
  await attend(webinar.id, below.id, 0, 30);

  const refused = await download(webinar.id, below.id);
  expect(refused.status).toBe(403);
  expect((await refused.json()).reason).toBe("recordings:certificate.notReached");

  const response = await download(webinar.id, above.id);
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/pdf");
  const certificate = await db.certificate.findUniqueOrThrow({ where: { webinarId_userId: { webinarId: webinar.id, userId: above.id } } });
  const text = await pdfText(response);
  expect(text).toContain("Giulia Presente");
  expect(text).toContain("Comune di Attestazione");
  expect(text).toContain("Accessibilità dei siti comunali");
  expect(text).toContain("Ore di formazione: 1,5 (minuti: 90)");
  expect(text).toContain(certificate.code);
  expect(text).toContain("svolto il 20 novembre 2026");
  expect(text).toContain(`/verify/${certificate.code}`);

  // a second download is the same certificate
  await download(webinar.id, above.id);
  expect(await db.certificate.count({ where: { webinarId: webinar.id } })).toBe(1);

  const verified = await call(verifyLoader, getRequest(`/verify/${certificate.code}`), { code: certificate.code });
  expect(verified.status).toBe(200);
  expect(verified.headers.get("Referrer-Policy")).toBe("no-referrer");
  const shown = await verified.json();
  expect(shown).toEqual({
    code: certificate.code,
    holderName: "Giulia Presente",
    organizationName: "Comune di Attestazione",
    webinarTitle: "Accessibilità dei siti comunali",
    webinarStartsAt: "2026-11-20T09:00:00.000Z",
    creditedMinutes: 90,
    hours: 1.5,
    issuedAt: certificate.issuedAt.toISOString(),
  });
  // typed from paper: lowercase, spaces, O for 0
  const typed = certificate.code.toLowerCase().replace(/-/g, " ").replace(/0/g, "o");
  expect((await call(verifyLoader, getRequest(`/verify/x`), { code: typed })).status).toBe(200);
});

it("the threshold at the boundary: 67 min 30 s of 90 at 75% is enough, 67 min 29 s is not", async () => {
  const webinar = await createWebinar();
  const exact = await createUser();
  const short = await createUser();
  await db.webinarAttendance.create({ data: { webinarId: webinar.id, userId: exact.id, participantSid: "PA_exact", joinedAt: new Date(webinar.startsAt.getTime() + 10 * 60_000), leftAt: new Date(webinar.startsAt.getTime() + 10 * 60_000 + 4050_000) } });
  await db.webinarAttendance.create({ data: { webinarId: webinar.id, userId: short.id, participantSid: "PA_short", joinedAt: new Date(webinar.startsAt.getTime() + 10 * 60_000), leftAt: new Date(webinar.startsAt.getTime() + 10 * 60_000 + 4049_000) } });
  expect((await download(webinar.id, exact.id)).status).toBe(200);
  expect((await download(webinar.id, short.id)).status).toBe(403);
});

it("replay minutes count only when the webinar allows it", async () => {
  const counts = await createWebinar({ replayCountsForCertificate: true });
  const doesNot = await createWebinar();
  const person = await createUser();
  for (const webinar of [counts, doesNot]) {
    await attend(webinar.id, person.id, 0, 45);
    const recording = await db.recording.create({ data: { webinarId: webinar.id, source: "UPLOAD", status: "COMPLETE", durationSeconds: 5400 } });
    await db.recordingWatch.create({ data: { recordingId: recording.id, userId: person.id, seconds: new Uint8Array(0), watchedSeconds: 30 * 60 } });
  }
  expect((await download(counts.id, person.id)).status).toBe(200);
  expect((await download(doesNot.id, person.id)).status).toBe(403);
});

it("no certificate before the end, and a 404 for a webinar one never attended", async () => {
  const live = await createWebinar({ status: "LIVE", liveEndedAt: null });
  const person = await createUser();
  await attend(live.id, person.id, 0, 90);
  expect((await download(live.id, person.id)).status).toBe(403);
  const other = await createWebinar();
  expect((await download(other.id, person.id)).status).toBe(404);
  expect((await download("missing", person.id)).status).toBe(404);
  expect((await call(certificateLoader, getRequest(`/account/training/certificates/${other.id}`), { webinarId: other.id })).headers.get("Location")).toMatch(/^\/login/);
});

it("a wrong or malformed code is a 404 reached through the same lookup by hash", async () => {
  const spy = vi.spyOn(db.certificate, "findUnique");
  for (const code of ["AAAA-BBBB-CCCC", "x", "' OR 1=1 --", "a".repeat(500)]) {
    spy.mockClear();
    expect((await call(verifyLoader, getRequest(`/verify/x`), { code })).status).toBe(404);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][0]).toMatchObject({ where: { codeHash: hashCode(code) } });
  }
  spy.mockRestore();
  expect(await verifyCertificate("")).toBeNull();
  expect(normalizeCode("abcd efgh jkmn")).toBe("ABCD-EFGH-JKMN");
});
