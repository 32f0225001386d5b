// Content shown on cached public pages changed: every worker and instance drops its cached copies
// (server/index.ts subscribes the cache to this stream through the app bundle's exports).
import { eventBus, type StoredEvent } from "../events/index.server.ts";

export const PUBLIC_PAGES_STREAM = "public-pages";

export async function invalidatePublicPages(reason: string) {
  await eventBus().publish(PUBLIC_PAGES_STREAM, "invalidate", { reason });
}

export function onPublicPagesChanged(listener: (events: StoredEvent[]) => void): () => void {
  return eventBus().subscribe(PUBLIC_PAGES_STREAM, listener);
}
