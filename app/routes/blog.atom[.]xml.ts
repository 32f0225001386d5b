// /blog/atom.xml: Atom 1.0 feed of the latest published posts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { i18nFor } from "~/lib/i18n/i18n.ts";
import { atomFeed, conditionalResponse } from "~/modules/blog/feeds.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = i18nFor("it");
  const feed = await atomFeed(t("blog:feed.title"), t("blog:feed.description"), "it");
  return conditionalResponse(request, feed.body, "application/atom+xml; charset=utf-8", feed.updated);
}
