// The webinar calendar files and the Rome start times they come from: the skipped spring hour
// refused, the repeated autumn hour taken as its first occurrence, long lines folded without
// splitting a character, text escaped, and every file read back by ical.js.
import ICAL from "ical.js";
import { romeLocalInstant } from "~/lib/dates.ts";
import { escapeText, feedCalendar, foldLine, webinarCalendar, webinarUid, type IcsWebinar } from "~/modules/webinars/ics.ts";

const base: IcsWebinar = {
  id: "w1",
  slug: "accessibilita",
  title: "Accessibilità",
  description: "Testo",
  startsAt: new Date("2026-07-01T08:00:00Z"),
  durationMinutes: 90,
  icsSequence: 3,
  status: "SCHEDULED",
  updatedAt: new Date("2026-06-01T08:00:00Z"),
};
const appUrl = "https://coop.example.it";

describe("start times typed in Italian time", () => {
  it("refuses 02:00-02:59 on the spring-forward day and accepts the hours around it", () => {
    expect(romeLocalInstant("2026-03-29", "02:00")).toBeNull();
    expect(romeLocalInstant("2026-03-29", "02:59")).toBeNull();
    expect(romeLocalInstant("2026-03-29", "01:59")?.toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(romeLocalInstant("2026-03-29", "03:00")?.toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });
  it("takes the first (summer-time) occurrence of the repeated autumn hour", () => {
    expect(romeLocalInstant("2026-10-25", "02:00")?.toISOString()).toBe("2026-10-25T00:00:00.000Z");
    expect(romeLocalInstant("2026-10-25", "02:30")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(romeLocalInstant("2026-10-25", "03:00")?.toISOString()).toBe("2026-10-25T02:00:00.000Z");
  });
  it("refuses what is not a day or a time", () => {
    expect(romeLocalInstant("2026-02-30", "10:00")).toBeNull();
    expect(romeLocalInstant("2026-02-10", "24:00")).toBeNull();
  });
});

describe("iCalendar", () => {
  it("escapes text and folds long lines at 75 octets without splitting a character", () => {
    expect(escapeText("a;b,c\\d\ne")).toBe("a\\;b\\,c\\\\d\\ne");
    const folded = foldLine(`SUMMARY:${"è".repeat(80)}`);
    for (const line of folded.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(`SUMMARY:${"è".repeat(80)}`);
  });

  it("writes an invitation with a stable UID, the SEQUENCE, UTC instants and the attendee", () => {
    const text = webinarCalendar({ ...base, title: "Un titolo molto lungo, con virgole; e punti e virgola — e accenti àèìòù ".repeat(3) }, {
      appUrl, method: "REQUEST", organizer: { name: "CO-OP", email: "no-reply@coop.example.it" }, attendee: { name: "Maria \"Mary\" Rossi", email: "maria@comune.it" },
    });
    expect(text.endsWith("\r\n")).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
    expect(event.uid).toBe(webinarUid("w1", appUrl));
    expect(event.uid).toBe("webinar-w1@coop.example.it");
    expect(event.sequence).toBe(3);
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-07-01T08:00:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2026-07-01T09:30:00.000Z");
    expect(event.summary).toContain("con virgole; e punti e virgola");
    expect(event.attendees[0].getParameter("cn")).toBe("Maria Mary Rossi");
  });

  it("a CANCEL marks the event cancelled; the feed lists several events", () => {
    const cancel = new ICAL.Component(ICAL.parse(webinarCalendar(base, { appUrl, method: "CANCEL" })));
    expect(cancel.getFirstSubcomponent("vevent")!.getFirstPropertyValue("status")).toBe("CANCELLED");
    const feed = new ICAL.Component(ICAL.parse(feedCalendar([base, { ...base, id: "w2", status: "CANCELLED" }], { appUrl, calendarName: "CO-OP" })));
    expect(feed.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(feed.getAllSubcomponents("vevent").map((vevent) => [vevent.getFirstPropertyValue("uid"), vevent.getFirstPropertyValue("status")])).toEqual([
      ["webinar-w1@coop.example.it", "CONFIRMED"],
      ["webinar-w2@coop.example.it", "CANCELLED"],
    ]);
  });
});
