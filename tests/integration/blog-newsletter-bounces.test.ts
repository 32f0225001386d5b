// Newsletter bounces that arrive later as delivery status notifications (RFC 3464) in a maildir:
// the VERP return path of a real send names the delivery; a permanent failure (5.1.1) stops mail to
// that subscriber, a transient one (4.4.1 delayed) is only recorded, a message that is not a DSN or
// whose return path was forged changes nothing and is flagged for a person.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { db } from "~/lib/db.server.ts";
import { resetEnvCache } from "~/lib/env.server.ts";
import { runDueJobs } from "~/lib/jobs/runner.server.ts";
import { enqueueJob } from "~/lib/jobs/queue.server.ts";
import { parseDsn, readBounceMaildir, NEWSLETTER_BOUNCES_JOB } from "~/modules/blog/bounces.server.ts";
import { runSend, startSend, parseBounceAddress, subscriberCounts } from "~/modules/blog/newsletter.server.ts";
import { createUser } from "../helpers/fixtures.ts";

const fixture = (name: string) => readFileSync(path.join(__dirname, "../fixtures/dsn", name), "utf8");
// A mail server that keeps each message's envelope: recipient and MAIL FROM (the return path).
const received: { to: string; from: string }[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    stream.on("end", () => {
      for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "" });
      callback();
    });
    stream.resume();
  },
});
let maildir: string;
let adminId: string;
let postId: string;


beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  process.env.NEWSLETTER_RATE_PER_SECOND = "1000";
  process.env.NEWSLETTER_BOUNCE_DOMAIN = "bounces.coop.example.org";
  maildir = mkdtempSync(path.join(os.tmpdir(), "coop-bounces-"));
  for (const sub of ["new", "cur", "tmp"]) mkdirSync(path.join(maildir, sub));
  process.env.NEWSLETTER_BOUNCE_MAILDIR = maildir;
  resetEnvCache();
  adminId = (await createUser({ role: "ADMIN" })).id;
  postId = (await db.blogPost.create({ data: { slug: "rimbalzi", title: "Rimbalzi", excerpt: "", body: "Testo.", status: "PUBLISHED", publishedAt: new Date() } })).id;
  await db.newsletterSubscriber.createMany({
    data: ["sparito", "lento", "sano", "altro"].map((name) => ({ email: `${name}@ente.example.it`, status: "CONFIRMED" as const, consentText: "sì", consentAt: new Date() })),
  });
});

afterAll(async () => {
  for (const name of ["SMTP_URL", "NEWSLETTER_RATE_PER_SECOND", "NEWSLETTER_BOUNCE_DOMAIN", "NEWSLETTER_BOUNCE_MAILDIR"]) delete process.env[name];
  resetEnvCache();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(maildir, { recursive: true, force: true });
});

/** A DSN for `email` as the receiving mail server would write it into the maildir. */
function drop(name: string, sample: string, email: string, verp: string) {
  writeFileSync(path.join(maildir, "new", name), fixture(sample).replaceAll("__RCPT__", email).replaceAll("__VERP__", verp).replaceAll("__FORGED__", verp));
}

describe("delayed bounces", () => {
  let sendId: string;
  const verpOf = new Map<string, string>();

  it("sends every message with a VERP return path that names the subscriber and the send", async () => {
    sendId = await startSend(adminId, { kind: "post", postId });
    await runSend(sendId);
    const envelopes = new Map(received.map((r) => [r.to, r.from]));
    const rows = await db.newsletterDelivery.findMany({ where: { sendId }, include: { subscriber: true } });
    for (const row of rows) {
      const from = envelopes.get(row.email);
      expect(from).toMatch(/^bounce\+[a-z0-9]+-[a-z0-9]{8}-[0-9a-f]{12}@bounces\.coop\.example\.org$/);
      expect(from!.split("@")[0].length).toBeLessThanOrEqual(64);
      expect(parseBounceAddress(from!)).toEqual({ subscriberId: row.subscriberId, sendPrefix: sendId.replace(/-/g, "").slice(0, 8) });
      verpOf.set(row.email, from!);
    }
    expect(verpOf.size).toBe(4);
    expect(received.map((r) => r.to).sort()).toEqual(["altro@ente.example.it", "lento@ente.example.it", "sano@ente.example.it", "sparito@ente.example.it"]);
  });

  it("reads the DSN samples: a permanent 5.1.1, a transient 4.4.1, and a message that is no DSN", () => {
    const permanent = parseDsn(fixture("permanent-5.1.1.eml").replaceAll("__RCPT__", "x@y.it").replaceAll("__VERP__", "bounce+abc@d.it"));
    expect(permanent).toMatchObject({ returnPath: "bounce+abc@d.it", recipients: [{ recipient: "x@y.it", action: "failed", status: "5.1.1" }] });
    expect(permanent!.recipients[0].diagnostic).toMatch(/^smtp; 550 5\.1\.1 .*User unknown in virtual mailbox table$/);
    const transient = parseDsn(fixture("transient-4.4.1.eml").replaceAll("__RCPT__", "x@y.it").replaceAll("__VERP__", "bounce+abc@d.it"));
    expect(transient).toMatchObject({ recipients: [{ action: "delayed", status: "4.4.1" }] });
    expect(parseDsn(fixture("malformed.eml").replaceAll("__VERP__", "bounce+abc@d.it"))).toBeNull();
  });

  it("stops mail to an address after a permanent bounce, records a transient one only, flags what it cannot match", async () => {
    drop("1764580502.M1P1.mx", "permanent-5.1.1.eml", "sparito@ente.example.it", verpOf.get("sparito@ente.example.it")!);
    drop("1764595211.M2P1.mx", "transient-4.4.1.eml", "lento@ente.example.it", verpOf.get("lento@ente.example.it")!);
    drop("1764601360.M3P1.mx", "malformed.eml", "sano@ente.example.it", verpOf.get("sano@ente.example.it")!);
    // A report naming "altro" with a made-up MAC: it must not stop anyone's mail.
    const forged = verpOf.get("altro@ente.example.it")!.replace(/-[0-9a-f]{12}@/, "-000000000000@");
    drop("1764604800.M4P1.mx", "forged.eml", "altro@ente.example.it", forged);

    await enqueueJob(NEWSLETTER_BOUNCES_JOB, {});
    await runDueJobs();

    const status = async (email: string) => (await db.newsletterSubscriber.findUniqueOrThrow({ where: { email } })).status;
    expect(await status("sparito@ente.example.it")).toBe("BOUNCED");
    expect(await status("lento@ente.example.it")).toBe("CONFIRMED");
    expect(await status("sano@ente.example.it")).toBe("CONFIRMED");
    expect(await status("altro@ente.example.it")).toBe("CONFIRMED");
    const bounces = await db.newsletterBounce.findMany({ orderBy: { source: "asc" }, include: { subscriber: { select: { email: true } } } });
    expect(bounces.map((b) => [b.subscriber?.email, b.permanent, b.status])).toEqual([
      ["sparito@ente.example.it", true, "5.1.1"],
      ["lento@ente.example.it", false, "4.4.1"],
    ]);
    const delivery = await db.newsletterDelivery.findFirstOrThrow({ where: { sendId, email: "sparito@ente.example.it" } });
    expect(delivery.bouncedAt).not.toBeNull();
    expect(delivery.error).toMatch(/^5\.1\.1 smtp; 550/);
    // Every file left new/: understood ones seen, the others flagged for a person.
    expect(readdirSync(path.join(maildir, "new"))).toEqual([]);
    expect(readdirSync(path.join(maildir, "cur")).sort()).toEqual(["1764580502.M1P1.mx:2,S", "1764595211.M2P1.mx:2,S", "1764601360.M3P1.mx:2,F", "1764604800.M4P1.mx:2,F"]);

    expect(await subscriberCounts()).toMatchObject({ confirmed: 3, bounced: 1 });
    // The next send does not mail the bounced address.
    const before = received.length;
    const next = await startSend(adminId, { kind: "post", postId });
    await runSend(next);
    expect(received.slice(before).map((r) => r.to).sort()).toEqual(["altro@ente.example.it", "lento@ente.example.it", "sano@ente.example.it"]);
  });

  it("records a report read twice (a crash before the file moved) once", async () => {
    drop("1764700000.M5P1.mx", "permanent-5.1.1.eml", "sparito@ente.example.it", verpOf.get("sparito@ente.example.it")!);
    writeFileSync(path.join(maildir, "new", "1764700000.M5P1.mx:2,"), readFileSync(path.join(maildir, "new", "1764700000.M5P1.mx")));
    const counts = await readBounceMaildir(maildir);
    expect(counts.permanent).toBe(2);
    expect(await db.newsletterBounce.count({ where: { source: "1764700000.M5P1.mx" } })).toBe(1);
  });
});
