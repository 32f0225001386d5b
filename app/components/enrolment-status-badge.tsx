// The state of an enrolment as a coloured badge with its translated name.
import { useTranslation } from "react-i18next";

const STATUS_CLASS: Record<string, string> = { ACTIVE: "bg-success", PENDING: "bg-warning text-dark", EXPIRED: "bg-secondary", CANCELLED: "bg-danger" };

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("org");
  return <span className={`badge ${STATUS_CLASS[status] ?? "bg-secondary"}`}>{t(`status.${status}`)}</span>;
}
