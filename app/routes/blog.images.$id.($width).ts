// /blog/images/<id>[/<width>]: a post's image or one of its resized copies. Images belong to
// posts written for the public; ids are unguessable, and the bytes never change (immutable).
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server.ts";
import { storage } from "~/lib/storage/storage.server.ts";
import { imageKey } from "~/modules/blog/images.server.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  const width = params.width === undefined ? null : Number(params.width);
  if (width !== null && !(Number.isInteger(width) && width > 0)) throw notFound();
  const found = await imageKey(params.id ?? "", width);
  if (!found) throw notFound();
  const object = await storage().get(found.key);
  if (!object) throw notFound();
  return new Response(createReadableStreamFromReadable(object.body), {
    headers: {
      "Content-Type": found.contentType,
      "Content-Length": String(object.size),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
