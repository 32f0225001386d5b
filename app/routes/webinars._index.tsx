// /webinars: the catalogue, upcoming and past, filtered by month, kit and topic. Visitors see the
// public webinars and those the kits include; members see, for each, whether they may attend and
// if not, why (the policy's words); staff also see drafts and may schedule.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/forms.tsx";
import { FilterCell, FilterForm } from "~/components/list-page.tsx";
import { formatDateTime, formatMonth } from "~/lib/dates.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { can } from "~/modules/access/policy.server.ts";
import { getUser } from "~/modules/auth/current-user.server.ts";
import { catalogue, parseFilters, type CatalogueEntry } from "~/modules/webinars/catalogue.server.ts";
import { KITS } from "~/modules/kits/catalogue.ts";

export const meta = titleMeta("webinars:catalogue.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const filters = parseFilters(new URL(request.url));
  const { upcoming, past, topics, months } = await catalogue(request, user, filters);
  return json({ upcoming, past, topics, months, filters, signedIn: !!user, canSchedule: !!user && can(user, "webinars.schedule").allowed });
}

function Entry({ entry, signedIn }: { entry: CatalogueEntry; signedIn: boolean }) {
  const { t, i18n } = useTranslation("webinars");
  const reason = entry.decision && !entry.decision.allowed ? t(entry.decision.reason, entry.decision.values) : null;
  return (
    <li className="card-wrapper card-space mb-3">
      <article className="card card-bg">
        <div className="card-body">
          <h3 className="card-title h5">
            <Link to={`/webinars/${entry.slug}`}>{entry.title}</Link>
          </h3>
          <p className="mb-1">
            {formatDateTime(entry.startsAt, i18n.language)} · {t("detail.duration", { count: entry.durationMinutes })}
            {entry.status !== "SCHEDULED" ? <> · <strong>{t(`status.${entry.status}`)}</strong></> : null}
          </p>
          <p className="mb-1">
            {entry.audience === "PUBLIC" ? t("audience.openToAll") : entry.audience === "KITS" ? t("audience.inKits", { kits: entry.kits.join(", ") }) : t("audience.invited")}
            {entry.topic ? ` · ${t("fields.topic")}: ${entry.topic}` : ""}
            {entry.seatsLeft !== null && entry.status === "SCHEDULED" ? ` · ${t("detail.seatsLeft", { count: entry.seatsLeft })}` : ""}
          </p>
          {signedIn && entry.status === "SCHEDULED" ? <p className="mb-0">{reason ? <span className="text-danger">{reason}</span> : <span className="text-success">{t("catalogue.youMayAttend")}</span>}</p> : null}
        </div>
      </article>
    </li>
  );
}

export default function Catalogue() {
  const { upcoming, past, topics, months, filters, signedIn, canSchedule } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("webinars");
  return (
    <div className="container page-section">
      <h1>{t("catalogue.title")}</h1>
      <p className="lead">{t("catalogue.lead")}</p>
      {canSchedule ? (
        <p>
          <Link to="/webinars/new" className="btn btn-primary">
            {t("new.title")}
          </Link>
        </p>
      ) : null}
      {!signedIn ? <p>{t("catalogue.visitorHint")}</p> : null}
      <FilterForm resetTo="/webinars" submitLabel={t("catalogue.filter")}>
        <FilterCell width={4}>
          <SelectField
            name="month"
            label={t("catalogue.month")}
            defaultValue={filters.month ?? ""}
            options={[{ value: "", label: t("catalogue.anyMonth") }, ...months.map((month) => ({ value: month, label: formatMonth(month, i18n.language) }))]}
          />
        </FilterCell>
        <FilterCell width={4}>
          <SelectField name="kit" label={t("catalogue.kit")} defaultValue={filters.kit ?? ""} options={[{ value: "", label: t("catalogue.anyKit") }, ...KITS.map((kit) => ({ value: kit, label: t("kit", { kit }) }))]} />
        </FilterCell>
        <FilterCell width={4}>
          <SelectField name="topic" label={t("catalogue.topic")} defaultValue={filters.topic ?? ""} options={[{ value: "", label: t("catalogue.anyTopic") }, ...topics.map((topic) => ({ value: topic, label: topic }))]} />
        </FilterCell>
      </FilterForm>
      <section aria-labelledby="upcoming-title" className="mt-4">
        <h2 id="upcoming-title">{t("catalogue.upcoming")}</h2>
        {upcoming.length ? (
          <ul className="list-unstyled">
            {upcoming.map((entry) => (
              <Entry key={entry.slug} entry={entry} signedIn={signedIn} />
            ))}
          </ul>
        ) : (
          <p>{t("catalogue.noneUpcoming")}</p>
        )}
      </section>
      <section aria-labelledby="past-title" className="mt-4">
        <h2 id="past-title">{t("catalogue.past")}</h2>
        {past.length ? (
          <ul className="list-unstyled">
            {past.map((entry) => (
              <Entry key={entry.slug} entry={entry} signedIn={signedIn} />
            ))}
          </ul>
        ) : (
          <p>{t("catalogue.nonePast")}</p>
        )}
      </section>
    </div>
  );
}
