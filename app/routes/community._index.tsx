// /community: the forum's categories the person may see, with topic and unread counts.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { can } from "~/modules/access/policy.ts";
import { requireCommunity } from "~/modules/community/access.server.ts";
import { listCategories } from "~/modules/community/forum.server.ts";
import { ensureProfile, unreadNotificationCount } from "~/modules/community/notifications.server.ts";

export const meta = titleMeta("community:home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireCommunity(request);
  const profile = await ensureProfile(viewer.user);
  const [categories, notifications] = await Promise.all([listCategories(viewer), unreadNotificationCount(viewer.user.id)]);
  return json({
    categories,
    notifications,
    handle: profile.handle,
    moderator: can(viewer.user, "community.moderate").allowed,
    admin: can(viewer.user, "community.category.manage").allowed,
  });
}

export default function CommunityHome() {
  const { categories, notifications, handle, moderator, admin } = useLoaderData<typeof loader>();
  const { t } = useTranslation("community");
  return (
    <div className="container page-section">
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead", { handle })}</p>
      <ul className="list-inline mb-4">
        <li className="list-inline-item">
          <Link to="/community/search">{t("home.search")}</Link>
        </li>
        <li className="list-inline-item">
          <Link to="/community/notifications">{t("home.notifications", { count: notifications })}</Link>
        </li>
        {moderator ? (
          <li className="list-inline-item">
            <Link to="/community/review">{t("home.review")}</Link>
          </li>
        ) : null}
        {admin ? (
          <li className="list-inline-item">
            <Link to="/community/categories">{t("home.categories")}</Link>
          </li>
        ) : null}
      </ul>
      {categories.length ? (
        <div className="table-responsive">
          <table className="table">
            <caption>{t("home.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("home.category")}</th>
                <th scope="col">{t("home.topics")}</th>
                <th scope="col">{t("home.unread")}</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((category) => (
                <tr key={category.id}>
                  <td>
                    <Link to={`/community/c/${category.id}`}>{category.name}</Link>
                    {category.visibility !== "COMMUNITY" ? <span className="badge bg-secondary ms-2">{t(`visibility.${category.visibility}`)}</span> : null}
                    {category.description ? <p className="small mb-0">{category.description}</p> : null}
                  </td>
                  <td>{category.topicCount}</td>
                  <td>{category.unread}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("home.empty")}</p>
      )}
    </div>
  );
}
