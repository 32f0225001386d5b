// Webinars the room and check pages need in an end-to-end app's database, written straight into
// its SQLite file (the demo seed's webinars belong to the webinars feature; these are the live
// room's own). Dates in the format Prisma's SQLite adapter writes (ISO 8601, +00:00).
import Database from "better-sqlite3";

export const ROOM_WEBINAR_SLUG = "prova-stanza-e2e";

const iso = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** A public webinar starting in five minutes (its room is open), with `slug`. */
export function insertRoomWebinar(databaseFile: string, slug = ROOM_WEBINAR_SLUG, title = "Prova della stanza") {
  const sqlite = new Database(databaseFile);
  try {
    const now = new Date();
    sqlite
      .prepare(
        `INSERT OR IGNORE INTO "Webinar" ("id", "slug", "title", "description", "status", "startsAt", "durationMinutes", "audience", "roomName", "createdAt", "updatedAt")
         VALUES (?, ?, ?, ?, 'SCHEDULED', ?, 90, 'PUBLIC', ?, ?, ?)`,
      )
      .run(`e2e-${slug}`, slug, title, "Webinar di prova per la stanza.", iso(new Date(now.getTime() + 5 * 60_000)), `room-${slug}`, iso(now), iso(now));
  } finally {
    sqlite.close();
  }
}
