// The live page's event streams (/events/webinar-live?webinar=<id>&channel=…):
// - room:   the webinar's public events (chat, public Q&A, open polls, settings), for everyone who
//           may read the page; no identity for anonymous questions;
// - staff:  pending questions with who asked, poll results, the assistance queue (moderators,
//           speakers);
// - me:     the reader's own events (their technical-assistance thread).
// A reader removed from the room, or who loses access, is refused here; the SSE helper calls
// open() again on every access-changed event and every minute, and ends the stream.
import { forbidden } from "~/lib/http.server.ts";
import { errorFields, logger } from "~/lib/logger.server.ts";
import { registerStream } from "~/lib/events/registry.server.ts";
import { touchPresence } from "./presence.server.ts";
import {
  loadRoomById,
  personStream,
  roomStream,
  staffStream,
} from "./room.server.ts";

export const LIVE_STREAM = "webinar-live";

registerStream({
  name: LIVE_STREAM,
  async open(request, url) {
    try {
      return await openLive(request, url);
    } catch (error) {
      // A refusal is expected (403/404); anything else would end readers' streams on a re-check.
      if (!(error instanceof Response))
        logger.warn(
          "webinar live stream: access check failed",
          errorFields(error as Error)
        );
      else logger.warn("webinar live stream refused", { status: error.status });
      throw error;
    }
  },
});

async function openLive(request: Request, url: URL) {
  {
    const room = await loadRoomById(request, url.searchParams.get("webinar"));
    const channel = url.searchParams.get("channel") ?? "room";
    const accountId = room.user.id;
    if (channel === "room") {
      // Opening and every re-check (each minute) keep the reader counted as present.
      if (room.open) await touchPresence(room.webinar.id, room.user.id);
      return { stream: roomStream(room.webinar.id), accountId };
    }
    if (channel === "me")
      return { stream: personStream(room.webinar.id, room.user.id), accountId };
    if (channel === "staff" && room.staff) {
      return { stream: staffStream(room.webinar.id), accountId };
    }
    throw forbidden();
  }
}
