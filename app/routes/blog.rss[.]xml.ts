// /blog/rss.xml: RSS 2.0 feed of the latest published posts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { i18nFor } from "~/lib/i18n/i18n.ts";
import { conditionalResponse, rssFeed } from "~/modules/blog/feeds.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = i18nFor("it");
  const feed = await rssFeed(t("blog:feed.title"), t("blog:feed.description"), "it");
  return conditionalResponse(request, feed.body, "application/rss+xml; charset=utf-8", feed.updated);
}
