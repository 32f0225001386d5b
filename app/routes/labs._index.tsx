// /labs: the Community Building labs the signed-in user may see (their own, those of their
// organization they may join; staff see all). Admins create labs from here.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { authorize, can } from "~/modules/access/policy.server.ts";
import { visibleLabWhere } from "~/modules/labs/access.server.ts";
import { listLabs } from "~/modules/labs/labs.server.ts";

export const meta = titleMeta("labs:list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await authorize(request, "labs.list");
  const where = await visibleLabWhere(user);
  const labs = where ? await listLabs(where) : [];
  return json({
    labs: labs.map((lab) => ({ id: lab.id, title: lab.title, startsAt: lab.startsAt, endsAt: lab.endsAt, status: lab.status, members: lab._count.members, organizations: lab.organizations.map((o) => o.organization.name) })),
    canCreate: can(user, "labs.create").allowed,
    locale: user.locale,
  });
}

export default function Labs() {
  const { labs, canCreate, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation("labs");
  return (
    <div className="container page-section">
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      {canCreate ? (
        <p>
          <Link to="/labs/new" className="btn btn-primary">
            {t("new.title")}
          </Link>
        </p>
      ) : null}
      {labs.length ? (
        <ul className="list-unstyled">
          {labs.map((lab) => (
            <li key={lab.id} className="card card-bg mb-3">
              <div className="card-body">
                <h2 className="h5">
                  <Link to={`/labs/${lab.id}`}>{lab.title}</Link>
                </h2>
                <p className="small mb-1">
                  {t("list.period", { from: formatDate(lab.startsAt, locale), to: formatDate(lab.endsAt, locale) })} · {t(`status.${lab.status}`)} · {t("list.members", { count: lab.members })}
                </p>
                {lab.organizations.length ? <p className="small mb-0">{t("list.cohort", { names: lab.organizations.join(", ") })}</p> : null}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("list.empty")}</p>
      )}
    </div>
  );
}
