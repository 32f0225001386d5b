// Emails about a webinar, queued in the caller's transaction (they exist only if it commits),
// each with its iCalendar part: REQUEST for an invitation or an update, CANCEL when the event
// leaves the person's calendar.
import { env } from "~/lib/env.server.ts";
import { sendEmail, type CalendarPart } from "~/lib/mail/send.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import type { WebinarEmailKind } from "../../../emails/webinar.tsx";
import { webinarCalendar, type IcsWebinar } from "./ics.ts";

type Tx = Prisma.TransactionClient;
type Person = { name: string; email: string; locale: string };

export function appUrl() {
  return env().APP_URL.replace(/\/$/, "");
}

export function webinarUrl(slug: string) {
  return `${appUrl()}/webinars/${slug}`;
}

function organizer() {
  const from = env().MAIL_FROM;
  const email = /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
  const name = from.replace(/<[^>]*>/, "").trim() || "CO-OP";
  return { name, email };
}

const METHOD: Partial<Record<WebinarEmailKind, CalendarPart["method"]>> = {
  registered: "REQUEST",
  promoted: "REQUEST",
  moved: "REQUEST",
  cancelled: "CANCEL",
  unregistered: "CANCEL",
};

/** One email to one person; the calendar part when the kind changes their calendar. */
export async function notifyPerson(tx: Tx, webinar: IcsWebinar & { cancelReason?: string | null }, person: Person, kind: WebinarEmailKind, extra: { position?: number } = {}) {
  const method = METHOD[kind];
  const calendar = method
    ? { method, content: webinarCalendar(webinar, { appUrl: appUrl(), method, organizer: organizer(), attendee: { name: person.name, email: person.email } }) }
    : undefined;
  await sendEmail(
    {
      to: person.email,
      template: "webinar",
      locale: person.locale === "en" ? "en" : "it",
      data: {
        kind,
        name: person.name,
        title: webinar.title,
        startsAt: webinar.startsAt,
        durationMinutes: webinar.durationMinutes,
        url: webinarUrl(webinar.slug),
        reason: webinar.cancelReason ?? undefined,
        position: extra.position,
      },
      calendar,
    },
    { tx },
  );
}

/**
 * Tells the registered people of a move (the updated invitation; the waitlisted hold no seat and
 * get the invitation when promoted), or everyone registered or waiting of a cancellation.
 */
export async function notifyRegistrants(tx: Tx, webinar: IcsWebinar & { cancelReason?: string | null }, kind: "moved" | "cancelled") {
  const registrations = await tx.webinarRegistration.findMany({
    where: { webinarId: webinar.id, status: { in: ["REGISTERED", "WAITLISTED"] } },
    select: { status: true, user: { select: { name: true, email: true, locale: true, disabledAt: true } } },
  });
  for (const registration of registrations) {
    if (registration.user.disabledAt) continue;
    if (kind === "moved" && registration.status === "WAITLISTED") continue;
    await notifyPerson(tx, webinar, registration.user, kind);
  }
}
