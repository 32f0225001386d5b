// What every chat message and vote of the live page needs to know before it writes — the webinar
// as the access rules see it, and the person's row in the room (muted, removed) — held in memory
// for a few seconds per process instead of read on each request (decision 0027). With two workers
// on two cores those reads were most of a vote's time, and 1,000 votes in ten seconds queued up.
// - The webinar (audience, per-webinar roles, status) is held for WEBINAR_HOLD_MS. Role changes,
//   edits, publishing, cancelling and LiveKit's room start and finish call `webinarChanged`, which
//   drops every held webinar on every worker and instance; anything else (a direct database edit)
//   is seen within WEBINAR_HOLD_MS.
// - The person's room row is held for MEMBER_HOLD_MS and dropped by the "access changed" event that
//   removal and mute publish (app/lib/events/sse.server.ts), on every worker and instance.
// - A copy read while a change arrived is not held (it may predate the change).
// - Only the action's chat, vote, ask and poll answers use these copies; the page's loader, the
//   streams and every moderation action read fresh.
import { eventBus } from "~/lib/events/index.server.ts";
import { ACCESS_STREAM } from "~/lib/events/sse.server.ts";

export const WEBINAR_HOLD_MS = 2_000;
export const MEMBER_HOLD_MS = 5_000;
const WEBINAR_CHANGED_STREAM = "webinar-changed";
const MAX_HELD = 10_000;

type Entry<T> = { until: number; pending: Promise<T>; generation: number };

/** Promises held per key for `ms`, never more than MAX_HELD of them (the oldest goes first). */
export class ShortHold<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private generation = 0;

  constructor(private readonly ms: number) {}

  get(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const now = Date.now();
    const held = this.entries.get(key);
    if (held && held.until > now) return held.pending;
    const entry: Entry<T> = { until: now + this.ms, pending: load(), generation: this.generation };
    if (this.entries.size >= MAX_HELD) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, entry);
    entry.pending.then(
      (value) => {
        if (entry.generation !== this.generation || !keep(value)) this.drop(key, entry);
      },
      () => this.drop(key, entry),
    );
    return entry.pending;
  }

  /** Drops the copies whose key matches (all without a matcher), and any read under way. */
  forget(matches?: (key: string) => boolean) {
    this.generation++;
    if (!matches) return this.entries.clear();
    for (const key of [...this.entries.keys()]) if (matches(key)) this.entries.delete(key);
  }

  private drop(key: string, entry: Entry<T>) {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }
}

export const heldWebinars = new ShortHold<unknown>(WEBINAR_HOLD_MS);
export const heldMembers = new ShortHold<unknown>(MEMBER_HOLD_MS);
export const memberKey = (webinarId: string, userId: string) => `${webinarId}|${userId}`;

/** Drops held room rows of these people (all without ids) in this process. */
export function forgetMembers(userIds?: string[]) {
  if (!userIds) return heldMembers.forget();
  const suffixes = userIds.map((id) => `|${id}`);
  heldMembers.forget((key) => suffixes.some((suffix) => key.endsWith(suffix)));
}

let watching = false;

/** Subscribes this process to the events that drop held copies (once, at first use). */
export function watchChanges() {
  if (watching) return;
  watching = true;
  eventBus().subscribe(ACCESS_STREAM, (events) => {
    for (const event of events) forgetMembers((JSON.parse(event.data) as { userIds?: string[] } | null)?.userIds);
  });
  eventBus().subscribe(WEBINAR_CHANGED_STREAM, () => heldWebinars.forget());
}

/** A webinar's audience, roles or schedule changed: every process reads it afresh. */
export async function webinarChanged(webinarId: string) {
  heldWebinars.forget();
  await eventBus().publish(WEBINAR_CHANGED_STREAM, "webinar-changed", { webinarId });
}
