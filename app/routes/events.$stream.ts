// /events/<stream>: Server-Sent Events for the streams the modules register (see docs/platform.md).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveStream } from "~/lib/events/registry.server.ts";
import "~/modules/streams.server.ts";

export function loader({ request, params, context }: LoaderFunctionArgs) {
  return serveStream(request, params.stream, context);
}
