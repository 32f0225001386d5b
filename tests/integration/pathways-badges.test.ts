// Pathways and their Open Badges: staff define a pathway (criteria validated, members refused); a
// person sees their progress on /account/training and, once every criterion is met, receives a
// hosted Open Badges 2.0 assertion: its JSON-LD, BadgeClass and issuer Profile, a recipient hash
// that verifies for their email only, a baked PNG carrying the assertion's URL, 404s for wrong ids
// and revocation by admins.
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { identityMatches } from "~/modules/pathways/badges.server.ts";
import * as adminList from "~/routes/admin.pathways._index.tsx";
import * as adminDetail from "~/routes/admin.pathways.$id.tsx";
import { loader as trainingLoader } from "~/routes/account.training._index.tsx";
import { loader as assertionLoader } from "~/routes/badges.assertions.$id.tsx";
import { loader as viewLoader } from "~/routes/badges.assertions.$id_.view.tsx";
import { loader as classLoader } from "~/routes/badges.classes.$id.tsx";
import { loader as issuerLoader } from "~/routes/badges.issuer.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { attend, createWebinar } from "./recordings-helpers.ts";

/** The chunks of a PNG: type, data, and whether the CRC is right. A tiny reader for the test. */
function pngChunks(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer; crcOk: boolean }[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    chunks.push({ type, data, crcOk: crc === crc32(png.subarray(offset + 4, offset + 8 + length)) >>> 0 });
    offset += 12 + length;
  }
  return chunks;
}

/** An iTXt chunk's keyword and text (uncompressed). */
function readITxt(data: Buffer) {
  const keywordEnd = data.indexOf(0);
  const keyword = data.toString("latin1", 0, keywordEnd);
  const compressed = data[keywordEnd + 1];
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  const translatedEnd = data.indexOf(0, languageEnd + 1);
  return { keyword, compressed, text: data.toString("utf8", translatedEnd + 1) };
}

async function staff() {
  const admin = await createUser({ role: "ADMIN" });
  const tutor = await createUser({ role: "TUTOR" });
  return { admin, tutor, adminCookie: await sessionCookieFor(admin.id), tutorCookie: await sessionCookieFor(tutor.id) };
}

const postAdmin = (cookie: string, fields: Record<string, string | string[]>) => call(adminList.action, formRequest("/admin/pathways", fields, { cookie }));
const json = async (response: Response) => JSON.parse(await response.text()) as Record<string, unknown>;

describe("defining a pathway", () => {
  it("staff define one with webinars and hours; no criteria, bad hours or an unknown webinar is a 400 keeping the values; members are refused", async () => {
    const { tutorCookie } = await staff();
    const member = await createUser();
    const webinar = await createWebinar({ title: "Accessibilità" });
    const empty = await postAdmin(tutorCookie, { intent: "create", title: "Percorso digitale", description: "Per chi ha seguito" });
    expect(empty.status).toBe(400);
    const emptyBody = await empty.json();
    expect(emptyBody.fieldErrors.webinarIds).toEqual(["pathways:form.noCriteria"]);
    expect(emptyBody.values.title).toBe("Percorso digitale");
    const badHours = await postAdmin(tutorCookie, { intent: "create", title: "X", description: "Y", webinarIds: webinar.id, minHours: "0" });
    expect(badHours.status).toBe(400);
    expect((await badHours.json()).webinarIds).toEqual([webinar.id]);
    const unknown = await postAdmin(tutorCookie, { intent: "create", title: "X", description: "Y", webinarIds: "no-such-webinar" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).fieldErrors.webinarIds).toEqual(["pathways:form.unknownWebinar"]);
    const made = await postAdmin(tutorCookie, { intent: "create", title: "Percorso digitale", description: "Per chi ha seguito", webinarIds: [webinar.id], minHours: "1" });
    expect(made.status).toBe(302);
    const pathway = await db.pathway.findFirstOrThrow({ where: { title: "Percorso digitale" }, include: { criteria: true } });
    expect(pathway.criteria.map((c) => [c.kind, c.webinarId, c.minHours]).sort()).toEqual([
      ["TRAINING_HOURS", null, 1],
      ["WEBINAR_CERTIFICATE", webinar.id, null],
    ]);
    expect(await db.auditLog.count({ where: { action: "pathway.create", targetId: pathway.id } })).toBe(1);
    const refused = await postAdmin(await sessionCookieFor(member.id), { intent: "create", title: "X", description: "Y", minHours: "3" });
    expect(refused.status).toBe(403);
  });
});

describe("earning a badge", () => {
  async function scenario() {
    const { admin, adminCookie, tutorCookie } = await staff();
    const webinar = await createWebinar({ title: "Accessibilità dei siti comunali" });
    const other = await createWebinar({ title: "Piano triennale" });
    const pathway = await db.pathway.create({
      data: {
        title: "Accessibilità digitale",
        description: "Ha seguito il percorso sull'accessibilità.",
        criteria: { create: [{ kind: "WEBINAR_CERTIFICATE", webinarId: webinar.id }, { kind: "WEBINAR_CERTIFICATE", webinarId: other.id }, { kind: "TRAINING_HOURS", minHours: 2 }] },
      },
    });
    const email = `giulia.presente.${pathway.id}@comune.example.it`;
    const giulia = await createUser({ name: "Giulia Presente", email });
    const cookie = await sessionCookieFor(giulia.id);
    const progressOf = async () => ((await (await call(trainingLoader, getRequest("/account/training", { cookie }))).json()) as { pathways: Progress[] }).pathways.find((p) => p.id === pathway.id)!;
    return { email, progressOf, admin, adminCookie, tutorCookie, webinar, other, pathway, giulia, cookie };
  }
  type Progress = { id: string; met: number; complete: boolean; criteria: { kind: string; met: boolean }[]; badge: { id: string; revokedAt: string | null } | null };

  it("shows progress, then issues one hosted assertion whose JSON-LD, class, issuer and baked image verify", async () => {
    const { webinar, other, pathway, giulia, email, progressOf } = await scenario();
    await attend(webinar.id, giulia.id, 0, 90);
    let progress = await progressOf();
    expect(progress).toMatchObject({ id: pathway.id, met: 1, complete: false, badge: null });
    expect(await db.badgeAssertion.count()).toBe(0);

    await attend(other.id, giulia.id, 0, 90);
    progress = await progressOf();
    expect(progress).toMatchObject({ met: 3, complete: true });
    const badgeId = progress.badge!.id;
    // Loading again does not issue a second one; the certificates it rests on were issued with it.
    await progressOf();
    expect(await db.badgeAssertion.count({ where: { userId: giulia.id } })).toBe(1);
    expect(await db.certificate.count({ where: { userId: giulia.id } })).toBe(2);

    const base = env().APP_URL.replace(/\/+$/, "");
    const response = await call(assertionLoader, getRequest(`/badges/assertions/${badgeId}`), { id: badgeId });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/ld\+json/);
    const assertion = await json(response);
    expect(assertion).toMatchObject({
      "@context": "https://w3id.org/openbadges/v2",
      type: "Assertion",
      id: `${base}/badges/assertions/${badgeId}`,
      badge: `${base}/badges/classes/${pathway.id}`,
      verification: { type: "hosted" },
      recipient: { type: "email", hashed: true },
    });
    expect(new Date(assertion.issuedOn as string).toISOString()).toBe(assertion.issuedOn);
    const recipient = assertion.recipient as { identity: string; salt: string };
    // The identity is sha256$hex(email + salt): it verifies for Giulia's email and not for another.
    expect(recipient.identity).toBe(`sha256$${createHash("sha256").update(`${email}${recipient.salt}`).digest("hex")}`);
    expect(identityMatches(recipient, email.toUpperCase())).toBe(true);
    expect(identityMatches(recipient, "marco.altro@comune.example.it")).toBe(false);
    expect(JSON.stringify(assertion)).not.toContain("giulia");

    const badgeClass = await json(await call(classLoader, getRequest(`/badges/classes/${pathway.id}`), { id: pathway.id }));
    expect(badgeClass).toMatchObject({
      "@context": "https://w3id.org/openbadges/v2",
      type: "BadgeClass",
      id: `${base}/badges/classes/${pathway.id}`,
      name: "Accessibilità digitale",
      description: "Ha seguito il percorso sull'accessibilità.",
      image: `${base}/badges/classes/${pathway.id}.png`,
      issuer: `${base}/badges/issuer`,
    });
    const narrative = (badgeClass.criteria as { narrative: string }).narrative;
    expect(narrative).toContain("Accessibilità dei siti comunali");
    expect(narrative).toContain("Almeno 2 ore");
    const issuer = await json(await call(issuerLoader, getRequest("/badges/issuer")));
    expect(issuer).toMatchObject({ "@context": "https://w3id.org/openbadges/v2", type: "Profile", id: `${base}/badges/issuer`, name: "CO-OP", url: base });
    expect(issuer.email).toMatch(/@/);

    // The baked image: a valid PNG whose iTXt "openbadges" chunk (after IHDR) holds the assertion URL.
    const image = await call(assertionLoader, getRequest(`/badges/assertions/${badgeId}.png`), { id: `${badgeId}.png` });
    expect(image.status).toBe(200);
    expect(image.headers.get("Content-Type")).toBe("image/png");
    const png = Buffer.from(await image.arrayBuffer());
    const chunks = pngChunks(png);
    expect(chunks.every((chunk) => chunk.crcOk)).toBe(true);
    expect(chunks[0].type).toBe("IHDR");
    const baked = chunks.filter((chunk) => chunk.type === "iTXt").map((chunk) => readITxt(chunk.data)).filter((text) => text.keyword === "openbadges");
    expect(baked).toEqual([{ keyword: "openbadges", compressed: 0, text: `${base}/badges/assertions/${badgeId}` }]);
    expect(await sharp(png).metadata()).toMatchObject({ format: "png", width: 256, height: 256 });

    // The human page: what it certifies, nothing more (no email).
    const page = await call(viewLoader, getRequest(`/badges/assertions/${badgeId}/view`), { id: badgeId });
    const view = await page.text();
    expect(JSON.parse(view)).toMatchObject({ holderName: "Giulia Presente", title: "Accessibilità digitale", revokedAt: null, issuer: "CO-OP" });
    expect(view).not.toContain("@comune.example.it");
  });

  it("answers 404 for wrong ids, whatever their shape", async () => {
    const { pathway } = await scenario();
    for (const id of ["AAAAAAAAAAAAAAAAAAAAAA", "nope", "../../etc", "x".repeat(200)]) {
      for (const [loader, params] of [
        [assertionLoader, { id }],
        [assertionLoader, { id: `${id}.png` }],
        [viewLoader, { id }],
        [classLoader, { id }],
      ] as const) {
        const outcome = await call(loader, getRequest(`/badges/x`), params).catch((thrown: unknown) => thrown as Response);
        expect(outcome.status).toBe(404);
      }
    }
    expect((await call(classLoader, getRequest(`/badges/classes/${pathway.id}.png`), { id: `${pathway.id}.png` })).headers.get("Content-Type")).toBe("image/png");
  });

  it("admins revoke a badge: the assertion answers 410 revoked with the reason, its image is gone; tutors may not revoke", async () => {
    const { webinar, other, pathway, giulia, progressOf, adminCookie, tutorCookie } = await scenario();
    await attend(webinar.id, giulia.id, 0, 90);
    await attend(other.id, giulia.id, 0, 90);
    const badgeId = (await progressOf()).badge!.id;
    const revoke = (who: string, fields: Record<string, string>) => call(adminDetail.action, formRequest(`/admin/pathways/${pathway.id}`, fields, { cookie: who }), { id: pathway.id });

    expect((await revoke(tutorCookie, { assertionId: badgeId, reason: "errore" })).status).toBe(403);
    const noReason = await revoke(adminCookie, { assertionId: badgeId, reason: "" });
    expect(noReason.status).toBe(400);
    expect((await revoke(adminCookie, { assertionId: badgeId, reason: "Rilasciato per errore" })).status).toBe(302);
    expect(await db.auditLog.count({ where: { action: "badge.revoke", targetId: badgeId } })).toBe(1);

    const response = await call(assertionLoader, getRequest(`/badges/assertions/${badgeId}`), { id: badgeId });
    expect(response.status).toBe(410);
    const body = await json(response);
    expect(body).toMatchObject({ "@context": "https://w3id.org/openbadges/v2", revoked: true, revocationReason: "Rilasciato per errore" });
    expect(body.recipient).toBeUndefined();
    expect((await call(assertionLoader, getRequest(`/badges/assertions/${badgeId}.png`), { id: `${badgeId}.png` })).status).toBe(410);
    expect(JSON.parse(await (await call(viewLoader, getRequest(`/badges/assertions/${badgeId}/view`), { id: badgeId })).text()).revokedAt).not.toBeNull();
    // Still one assertion: revoking does not let the person earn it again.
    await progressOf();
    expect(await db.badgeAssertion.count({ where: { userId: giulia.id } })).toBe(1);
  });
});
