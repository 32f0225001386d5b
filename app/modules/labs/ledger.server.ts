// Lab hours for the training-hours ledger: each member marked present in a confirmed register is
// credited the session's duration (the minutes stored on the attendance row).
import type { Prisma } from "~/generated/sqlite/client.ts";
import { db } from "~/lib/db.server.ts";
import type { LedgerEntry } from "~/modules/training/ledger.server.ts";

/** Entries per user for sessions starting in [from, to); `people` limits the people (undefined: everyone). */
export async function labLedgerEntries(people: Prisma.UserWhereInput | undefined, from: Date, to: Date): Promise<Map<string, LedgerEntry[]>> {
  const rows = await db.labAttendance.findMany({
    where: { ...(people ? { user: people } : {}), session: { startsAt: { gte: from, lt: to }, confirmedAt: { not: null } } },
    select: { userId: true, minutes: true, session: { select: { id: true, title: true, startsAt: true, lab: { select: { title: true } } } } },
    orderBy: { session: { startsAt: "asc" } },
  });
  const entries = new Map<string, LedgerEntry[]>();
  for (const row of rows) {
    const list = entries.get(row.userId) ?? [];
    list.push({
      kind: "lab",
      webinarId: `lab:${row.session.id}`,
      slug: "",
      title: `${row.session.lab.title}: ${row.session.title}`,
      startsAt: row.session.startsAt.toISOString(),
      liveMinutes: row.minutes,
      replayMinutes: 0,
      creditedMinutes: row.minutes,
    });
    entries.set(row.userId, list);
  }
  return entries;
}
