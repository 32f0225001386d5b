// /admin/feedback: what visitors and members wrote through the footer's feedback form.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListResults } from "~/components/list-page.tsx";
import { listFeedback } from "~/modules/feedback/feedback.server.ts";
import { parsePage } from "~/lib/pagination.ts";
import { formatDateTime } from "~/lib/dates.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("admin:feedback.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await authorize(request, "feedback.view");
  const page = parsePage(new URL(request.url).searchParams.get("page"));
  return json({ ...(await listFeedback(page)), locale: user.locale });
}

export default function FeedbackInbox() {
  const { items, page, pages, total, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  return (
    <div className="container page-section">
      <h1>{t("feedback.title")}</h1>
      <ListResults count={t("feedback.count", { count: total })} hasRows={items.length > 0} empty={t("feedback.empty")} page={page} pageCount={pages} paginationLabel={t("feedback.pagination")}>
        <ul className="list-unstyled">
          {items.map((item) => (
            <li key={item.id} className="card card-bg mb-3">
              <article className="card-body">
                <h2 className="h6 text-secondary">
                  {formatDateTime(item.createdAt, locale)} · {item.name ?? t("feedback.anonymous")}
                  {item.email ? (
                    <>
                      {" · "}
                      <a href={`mailto:${item.email}`}>{item.email}</a>
                    </>
                  ) : null}
                  {item.page ? ` · ${item.page}` : null}
                </h2>
                <p className="mb-0" style={{ whiteSpace: "pre-wrap" }}>
                  {item.message}
                </p>
              </article>
            </li>
          ))}
        </ul>
      </ListResults>
    </div>
  );
}
