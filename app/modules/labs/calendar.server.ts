// Lab sessions in the person's one calendar feed and one digest (docs/decisions/0024): the labs
// domain registers itself with the digest's registry. Imported by the digest's sources (the
// worker that sends digests) and by the calendar feed (the web process that serves it).
import { registerCalendarSource, registerDigestSection, upcomingEventsSection } from "~/modules/digest/registry.server.ts";
import { labSessionsForUser } from "./sessions.server.ts";

registerCalendarSource("labs", labSessionsForUser);
registerDigestSection(upcomingEventsSection("labs", { it: "Incontri dei laboratori", en: "Lab sessions" }, labSessionsForUser));
