// iCalendar (RFC 5545) for webinars: the invitation attached to emails (METHOD:REQUEST, or
// CANCEL when the webinar or the person's registration is cancelled, RFC 5546), the "Add to
// calendar" download and the personal feed. Instants are written in UTC ("…Z"), so every
// calendar shows the right local time on the days the clocks change without a VTIMEZONE.
// The UID is stable for a webinar's life (webinar id @ host) and SEQUENCE is the webinar's
// icsSequence, raised on every change registrants are told about: calendars update the event
// in place instead of adding a second one.

export type IcsWebinar = {
  id: string;
  slug: string;
  title: string;
  description: string;
  startsAt: Date;
  durationMinutes: number;
  icsSequence: number;
  status: string;
  updatedAt: Date;
};

export type IcsOptions = {
  /** The app's public URL (APP_URL): the UID's host and the event's URL. */
  appUrl: string;
  /** REQUEST (invitation or update), CANCEL, or PUBLISH (download and feed). */
  method: "REQUEST" | "CANCEL" | "PUBLISH";
  /** The organizer's address (MAIL_FROM) for REQUEST and CANCEL. */
  organizer?: { name: string; email: string };
  /** The attendee the invitation is addressed to (REQUEST and CANCEL). */
  attendee?: { name: string; email: string };
  now?: Date;
  /** The feed's name (X-WR-CALNAME). */
  calendarName?: string;
};

const CRLF = "\r\n";

/** RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
export function escapeText(value: string) {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** RFC 5545 3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
export function foldLine(line: string) {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (size + bytes > limit) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** An instant as a UTC DATE-TIME (20260329T010000Z). */
export function icsInstant(date: Date) {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function hostOf(appUrl: string) {
  try {
    return new URL(appUrl).hostname || "coop.localhost";
  } catch {
    return "coop.localhost";
  }
}

export function webinarUid(webinarId: string, appUrl: string) {
  return `webinar-${webinarId}@${hostOf(appUrl)}`;
}

function plainDescription(markdown: string) {
  // The description is markdown; calendars show plain text. Keep it short and readable.
  const text = markdown.replace(/[*_`#>]+/g, "").replace(/\n{3,}/g, "\n\n").trim();
  return text.length > 1500 ? `${text.slice(0, 1497)}…` : text;
}

function eventLines(webinar: IcsWebinar, options: IcsOptions, cancelled: boolean): string[] {
  const base = options.appUrl.replace(/\/$/, "");
  const url = `${base}/webinars/${webinar.slug}`;
  const end = new Date(webinar.startsAt.getTime() + webinar.durationMinutes * 60_000);
  const lines = [
    "BEGIN:VEVENT",
    `UID:${webinarUid(webinar.id, options.appUrl)}`,
    `SEQUENCE:${webinar.icsSequence}`,
    `DTSTAMP:${icsInstant(options.now ?? new Date())}`,
    `LAST-MODIFIED:${icsInstant(webinar.updatedAt)}`,
    `DTSTART:${icsInstant(webinar.startsAt)}`,
    `DTEND:${icsInstant(end)}`,
    `SUMMARY:${escapeText(webinar.title)}`,
    `DESCRIPTION:${escapeText(`${plainDescription(webinar.description)}\n\n${url}`)}`,
    `URL:${url}`,
    `LOCATION:${escapeText(url)}`,
    `STATUS:${cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
  ];
  if (options.organizer) lines.push(`ORGANIZER;CN=${quoteParam(options.organizer.name)}:mailto:${options.organizer.email}`);
  if (options.attendee) {
    const partstat = cancelled ? "DECLINED" : "ACCEPTED";
    lines.push(`ATTENDEE;CN=${quoteParam(options.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};RSVP=FALSE:mailto:${options.attendee.email}`);
  }
  lines.push("END:VEVENT");
  return lines;
}

/** A parameter value in quotes (RFC 5545 3.2): double quotes and control characters are dropped. */
function quoteParam(value: string) {
  // eslint-disable-next-line no-control-regex
  return `"${value.replace(/["\u0000-\u001f\u007f]/g, "")}"`;
}

function calendar(method: IcsOptions["method"], events: string[][], name?: string) {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//FPA//CO-OP webinars//IT", "CALSCALE:GREGORIAN", `METHOD:${method}`];
  if (name) lines.push(`X-WR-CALNAME:${escapeText(name)}`);
  for (const event of events) lines.push(...event);
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/**
 * One webinar as an iCalendar object. `cancelled`: the webinar was cancelled, or (with
 * METHOD:CANCEL) the person's registration was: the event leaves their calendar.
 */
export function webinarCalendar(webinar: IcsWebinar, options: IcsOptions) {
  const cancelled = options.method === "CANCEL" || webinar.status === "CANCELLED";
  return calendar(options.method, [eventLines(webinar, options, cancelled)]);
}

/** An event of another source of the personal feed (a lab session): its own stable UID. */
export type FeedEvent = { uid: string; title: string; startsAt: Date; endsAt: Date; location: string | null; url: string };

function feedEventLines(event: FeedEvent, now: Date): string[] {
  return [
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `DTSTAMP:${icsInstant(now)}`,
    `DTSTART:${icsInstant(event.startsAt)}`,
    `DTEND:${icsInstant(event.endsAt)}`,
    `SUMMARY:${escapeText(event.title)}`,
    `DESCRIPTION:${escapeText(event.url)}`,
    `URL:${event.url}`,
    `LOCATION:${escapeText(event.location ?? event.url)}`,
    "STATUS:CONFIRMED",
    "TRANSP:OPAQUE",
    "END:VEVENT",
  ];
}

/**
 * A person's feed: the webinars (cancelled ones shown as cancelled) and the events of the other
 * registered sources (app/modules/digest/registry.server.ts), in one calendar.
 */
export function feedCalendar(webinars: IcsWebinar[], options: Omit<IcsOptions, "method" | "attendee">, others: FeedEvent[] = []) {
  return calendar(
    "PUBLISH",
    [
      ...webinars.map((webinar) => eventLines(webinar, { ...options, method: "PUBLISH" }, webinar.status === "CANCELLED")),
      ...others.map((event) => feedEventLines(event, options.now ?? new Date())),
    ],
    options.calendarName,
  );
}
