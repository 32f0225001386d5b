// The registry of what the one digest email and the one personal calendar are made of
// (docs/decisions/0024-digest-and-calendar.md). Each domain adds its part with one call at import
// time; app/modules/digest/sources.server.ts lists the built-in ones. Labs add theirs at merge:
//   registerCalendarSource("labs", labSessionsForUser);
//   registerDigestSection(upcomingEventsSection("labs", { it: "Sessioni dei laboratori", en: "Lab sessions" }, labSessionsForUser));
// A part answers for ONE person and must return only what that person may see (the same rules as
// the pages): the digest and the feed show whatever the parts return.
import type { Prisma } from "~/generated/sqlite/client.ts";
import type { EmailLocale } from "../../../emails/types.ts";

/** What a part knows about the person (the columns the access rules need). */
export type DigestUser = {
  id: string;
  name: string;
  email: string;
  role: "ADMIN" | "TUTOR" | "MEMBER";
  locale: string;
  organizationId: string | null;
  isOrganizationManager: boolean;
};

export type DigestFrequency = "DAILY" | "WEEKLY";

/** One run of the digest: its clock, the period it covers, and a cache shared by all the people of the run. */
export type DigestRun = {
  now: Date;
  frequency: DigestFrequency;
  /** What happened since this instant is "new" (one period back). */
  since: Date;
  /** Upcoming things until this instant are announced (two periods ahead). */
  until: Date;
  /** Loads a value once per run (e.g. the webinars of the coming weeks), whoever asks first. */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
};

export type DigestEntry = { title: string; url: string; startsAt?: Date; detail?: string };

export type DigestSectionResult = {
  entries: DigestEntry[];
  /** Runs inside the transaction that queues the email (e.g. marks notifications as emailed). */
  onSent?: (tx: Prisma.TransactionClient) => Promise<unknown>;
};

export type DigestSection = {
  key: string;
  heading: Record<EmailLocale, string>;
  collect(user: DigestUser, run: DigestRun): Promise<DigestSectionResult>;
};

/** An event of the personal calendar (the shape labs' `labSessionsForUser` returns). */
export type CalendarEvent = { uid: string; title: string; startsAt: Date; endsAt: Date; location: string | null; url: string };
export type CalendarSource = (userId: string, from: Date, to: Date) => Promise<CalendarEvent[]>;

const sections = new Map<string, DigestSection>();
const calendarSources = new Map<string, CalendarSource>();

export function registerDigestSection(section: DigestSection) {
  if (sections.has(section.key)) throw new Error(`Digest section "${section.key}" is registered twice`);
  sections.set(section.key, section);
}

export function registerCalendarSource(key: string, source: CalendarSource) {
  if (calendarSources.has(key)) throw new Error(`Calendar source "${key}" is registered twice`);
  calendarSources.set(key, source);
}

export function digestSections(): DigestSection[] {
  return [...sections.values()];
}

export function registeredCalendarSources(): [string, CalendarSource][] {
  return [...calendarSources.entries()];
}

/** A digest section made from a calendar source: the person's events between now and the run's horizon. */
export function upcomingEventsSection(key: string, heading: Record<EmailLocale, string>, source: CalendarSource): DigestSection {
  return {
    key,
    heading,
    async collect(user, run) {
      const events = await source(user.id, run.now, run.until);
      return { entries: events.map((event) => ({ title: event.title, url: event.url, startsAt: event.startsAt, detail: event.location ?? undefined })) };
    },
  };
}
