// The site-wide service notice ("avviso di servizio"): one short message an admin publishes or
// clears; every open page shows it live (the "service-notice" event stream) and the cached
// public pages are invalidated by the same event, since the notice is part of them.
import { db } from "~/lib/db.server.ts";
import { eventBus } from "~/lib/events/index.server.ts";
import { registerPublicContentStream } from "~/lib/page-cache/invalidate.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import type { NoticeLevel } from "./notice.ts";

export const SERVICE_NOTICE_STREAM = "service-notice";
export type ServiceNotice = { message: string; level: NoticeLevel };
/** The notice and the stream position it corresponds to (the page's client resumes from there). */
export type NoticeState = { notice: ServiceNotice | null; seq: number };

const ROW_ID = "site";

// The notice is on every public page: its events empty the page cache on every worker/instance.
registerPublicContentStream(SERVICE_NOTICE_STREAM);

// Every page shows the notice, so it is held in memory rather than read (two queries) per page.
// Its own event drops the copy on every worker and instance (through the bus); re-reading it at least
// every few seconds bounds how stale a copy can get if a notice of the bus were ever lost.
const HOLD_MS = 5_000;
let held: { state: NoticeState; at: number } | null = null;
let changes = 0;
let watching = false;

function forget() {
  changes++;
  held = null;
}

export async function currentNotice(): Promise<NoticeState> {
  if (!watching) {
    watching = true;
    eventBus().subscribe(SERVICE_NOTICE_STREAM, forget);
  }
  if (held && Date.now() - held.at < HOLD_MS) return held.state;
  const before = changes;
  // Position first: an event written between the two reads is then replayed, never skipped.
  const seq = await eventBus().latestSeq(SERVICE_NOTICE_STREAM);
  const row = await db.serviceNotice.findUnique({ where: { id: ROW_ID } });
  const state: NoticeState = { notice: row ? { message: row.message, level: row.level === "warning" ? "warning" : "info" } : null, seq };
  // A change that arrived while reading may not be in what was read: do not hold it then.
  if (changes === before) held = { state, at: Date.now() };
  return state;
}

type Meta = { ipAddress?: string };

// The row, its audit entry and the event commit together: a page never shows a notice whose event
// is missing (its stream position would skip it), and one commit keeps publishing fast.
export async function publishNotice(actor: SessionUser, notice: ServiceNotice, meta: Meta = {}) {
  await eventBus().publish(SERVICE_NOTICE_STREAM, "notice", notice, async (tx) => {
    await tx.serviceNotice.upsert({
      where: { id: ROW_ID },
      create: { id: ROW_ID, message: notice.message, level: notice.level, updatedById: actor.id },
      update: { message: notice.message, level: notice.level, updatedById: actor.id },
    });
    await recordAudit(
      {
        actorId: actor.id,
        action: "service-notice.publish",
        targetType: "ServiceNotice",
        targetId: ROW_ID,
        summary: `Pubblicato l'avviso di servizio: ${notice.message}`,
        details: { ...notice },
        ipAddress: meta.ipAddress,
      },
      tx,
    );
  });
  // This process sees its own change at once (the others through the event).
  forget();
}

export async function clearNotice(actor: SessionUser, meta: Meta = {}) {
  if (!(await db.serviceNotice.findUnique({ where: { id: ROW_ID } }))) return false;
  await eventBus().publish(SERVICE_NOTICE_STREAM, "notice", null, async (tx) => {
    await tx.serviceNotice.deleteMany({ where: { id: ROW_ID } });
    await recordAudit(
      { actorId: actor.id, action: "service-notice.clear", targetType: "ServiceNotice", targetId: ROW_ID, summary: "Rimosso l'avviso di servizio", ipAddress: meta.ipAddress },
      tx,
    );
  });
  forget();
  return true;
}
