// Audit log of admin and manager actions: who did what, to what, when, from where.
import { db } from "~/lib/db.server.ts";

export type AuditEntry = {
  actorId: string | null;
  action: string; // e.g. "user.disable", "enrolment.create"
  targetType?: string;
  targetId?: string;
  summary: string; // human-readable, in Italian, e.g. "Disabilitato l'account di mario@comune.it"
  details?: Record<string, unknown>;
  ipAddress?: string;
};

/** Where an action came from: the client address the server saw (the load context's clientIp). */
export type AuditMeta = { ipAddress?: string };

/** `client`: a transaction, when the entry must commit together with the change it records. */
export async function recordAudit(entry: AuditEntry, client: Pick<typeof db, "auditLog"> = db) {
  await client.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      summary: entry.summary,
      details: entry.details ? JSON.stringify(entry.details) : null,
      ipAddress: entry.ipAddress,
    },
  });
}
