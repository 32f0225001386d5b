// Administration › Kit enrolments › <enrolment> › <this page>, for the pages that act on one enrolment.
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "./breadcrumbs.tsx";

export function EnrolmentBreadcrumbs({ id, title, current }: { id: string; title: string; current: string }) {
  const { t } = useTranslation("org");
  return (
    <Breadcrumbs
      items={[
        { to: "/admin", label: t("common:nav.admin") },
        { to: "/admin/enrolments", label: t("enrolment.list.title") },
        { to: `/admin/enrolments/${id}`, label: title },
        { label: current },
      ]}
    />
  );
}
