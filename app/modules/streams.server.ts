// Every module's event streams, registered with app/lib/events/registry.server.ts. A module adds
// its own stream.server.ts here; the infrastructure never imports domain code.
import "./service-notice/stream.server.ts";
import "./webinars/live/stream.server.ts";
import "./community/stream.server.ts";
