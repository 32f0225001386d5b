// Content shown on cached public pages changed: every worker and instance drops its cached copies
// (server/index.ts subscribes the cache to this stream through the app bundle's exports).
import { eventBus, type StoredEvent } from "../events/index.server.ts";

export const PUBLIC_PAGES_STREAM = "public-pages";

export async function invalidatePublicPages(reason: string) {
  await eventBus().publish(PUBLIC_PAGES_STREAM, "invalidate", { reason });
}

const contentStreams = new Set<string>([PUBLIC_PAGES_STREAM]);

/**
 * A module whose stream's events change what public pages show (the service notice) registers it:
 * the cache then empties on those events directly, with no second event to write.
 */
export function registerPublicContentStream(stream: string) {
  contentStreams.add(stream);
}

export function onPublicPagesChanged(listener: (events: StoredEvent[]) => void): () => void {
  const stops = [...contentStreams].map((stream) => eventBus().subscribe(stream, listener));
  return () => stops.forEach((stop) => stop());
}
