// /community/search?q=…: full-text search over the posts the person may see, with Italian
// stemming, ranked, with the matching words highlighted.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { requireCommunity } from "~/modules/community/access.server.ts";
import { searchPosts } from "~/modules/community/search.server.ts";

export const meta = titleMeta("community:search.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireCommunity(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const hits = q.trim() ? await searchPosts(viewer.user, viewer.reach, q) : [];
  return json({ q, hits, searched: Boolean(q.trim()) });
}

export default function Search() {
  const { q, hits, searched } = useLoaderData<typeof loader>();
  const { t } = useTranslation("community");
  return (
    <div className="container page-section">
      <h1>{t("search.title")}</h1>
      <p>
        <Link to="/community">{t("home.title")}</Link>
      </p>
      <Form method="get" role="search" className="col-lg-8 mb-4">
        <div className="form-group">
          <label htmlFor="q" className="active">
            {t("search.label")}
          </label>
          <input type="search" id="q" name="q" className="form-control" defaultValue={q} maxLength={200} />
        </div>
        <button type="submit" className="btn btn-primary">
          {t("search.submit")}
        </button>
      </Form>
      {searched ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title" className="h4" aria-live="polite">
            {hits.length ? t("search.results", { count: hits.length }) : t("search.empty")}
          </h2>
          <ol className="list-unstyled">
            {hits.map((hit) => (
              <li key={hit.postId} className="border-bottom py-2">
                <Link to={`/community/t/${hit.topicId}?from=${hit.postNumber}#post-${hit.postNumber}`} className="fw-semibold">
                  {hit.topicTitle} #{hit.postNumber}
                </Link>
                <p className="small mb-0" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
