// A signed-in user's access context (what their organization's enrolments give them) is read on
// every page: the navigation shows the community only to those who may use it, and every
// community page checks it. It is held in memory for a few seconds per user instead of being
// read (two or three queries) on each request, as the service notice is:
// - an "access changed" event on the bus (app/lib/events/sse.server.ts: a user disabled, an
//   enrolment created, changed, cancelled or expired, an organization moved) drops the copies it
//   names, on every worker and instance;
// - a copy never outlives the next start or end of one of the enrolments it was built from;
// - the user's own role, organization and manager flag come from the session on every request
//   and are part of the key, so changing them is seen at once;
// - HOLD_MS bounds how stale a copy can get if an event of the bus were ever lost.
import { ACCESS_STREAM } from "~/lib/events/sse.server.ts";
import { eventBus } from "~/lib/events/index.server.ts";
import { loadAccess, type AccessContext, type AccessUser } from "./entitlements.server.ts";

export const HOLD_MS = 5_000;
const MAX_HELD = 10_000;

type Held = { key: string; until: number; pending: Promise<AccessContext>; generation: number };
const held = new Map<string, Held>();
let generation = 0;
let watching = false;

function forget(events: { data: string }[]) {
  generation++;
  for (const event of events) {
    const data = JSON.parse(event.data) as { userIds?: string[] } | null;
    if (!data?.userIds) {
      held.clear();
      return;
    }
    for (const id of data.userIds) held.delete(id);
  }
}

/** The instant the context stops being true by itself: the next start or end of its enrolments. */
function nextBoundary(context: AccessContext): number {
  const times = context.enrolments.map((e) => e.endsAt.getTime());
  if (context.upcomingEnrolment) times.push(context.upcomingEnrolment.startsAt.getTime());
  return Math.min(Infinity, ...times);
}

function drop(userId: string, entry: Held) {
  if (held.get(userId) === entry) held.delete(userId);
}

/** `loadAccess(user)`, held for up to HOLD_MS per user (see above). */
export function heldAccess(user: AccessUser, now = Date.now()): Promise<AccessContext> {
  if (!watching) {
    watching = true;
    eventBus().subscribe(ACCESS_STREAM, forget);
  }
  const key = `${user.role}|${user.organizationId ?? ""}|${user.isOrganizationManager}|${user.locale}`;
  const copy = held.get(user.id);
  if (copy && copy.key === key && copy.until > now) return copy.pending;
  const entry: Held = { key, until: now + HOLD_MS, pending: loadAccess(user, new Date(now)), generation };
  if (held.size >= MAX_HELD) held.delete(held.keys().next().value as string);
  held.set(user.id, entry);
  entry.pending.then(
    (context) => {
      // An access change that arrived while reading may not be in what was read: do not hold it then.
      if (entry.generation !== generation) drop(user.id, entry);
      else entry.until = Math.min(entry.until, nextBoundary(context));
    },
    () => drop(user.id, entry),
  );
  return entry.pending;
}

/** Tests: forget every held copy. */
export function forgetHeldAccess() {
  held.clear();
}
