// The Q&A as CSV for the webinar's staff: every question with its state, votes, author (also for
// anonymous ones: staff see who asked) and written answer. Cells that a spreadsheet would run as a
// formula (= + - @, tab, carriage return) are neutralised with a leading apostrophe.
import { db } from "~/lib/db.server.ts";
import { formatDateTime } from "~/lib/dates.ts";
import { translatorFor } from "~/lib/i18n/locale.server.ts";
import type { Locale } from "~/lib/i18n/resources.ts";
import { LiveRefusal, type Room } from "./room.server.ts";

/** A cell as text a spreadsheet shows as typed: quoted, formulas neutralised. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\n\r]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function questionsCsv(room: Room, locale: Locale): Promise<string> {
  if (!room.staff) throw new LiveRefusal("webinarLive:errors.notModerator", 403);
  const t = translatorFor(locale);
  const rows = await db.webinarQuestion.findMany({ where: { webinarId: room.webinar.id }, orderBy: [{ voteCount: "desc" }, { createdAt: "asc" }] });
  const header = ["csv.asked", "csv.author", "csv.anonymous", "csv.question", "csv.state", "csv.votes", "csv.answer", "csv.fromRegistration"].map((key) => t(`webinarLive:${key}`));
  const lines = [header.map(csvCell).join(";")];
  for (const row of rows) {
    lines.push(
      [
        formatDateTime(row.createdAt, locale),
        row.authorName,
        row.anonymous ? t("webinarLive:csv.yes") : t("webinarLive:csv.no"),
        row.body,
        t(`webinarLive:qa.states.${row.state}`),
        row.voteCount,
        row.answer,
        row.registrationId ? t("webinarLive:csv.yes") : t("webinarLive:csv.no"),
      ]
        .map(csvCell)
        .join(";"),
    );
  }
  // A BOM so spreadsheet programs read the accents as UTF-8.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
