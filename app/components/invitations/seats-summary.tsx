// Seats of the enrolment: how many are taken and how many remain.
import { useTranslation } from "react-i18next";

export function SeatsSummary({ seats }: { seats: { seats: number; used: number; available: number } }) {
  const { t } = useTranslation("invitations");
  if (seats.seats === 0) {
    return (
      <div className="alert alert-warning" role="status">
        {t("seats.none")}
      </div>
    );
  }
  return (
    <div className="callout">
      <div className="callout-title">{t("seats.title")}</div>
      <p className="mb-1">{t("seats.summary", seats)}</p>
      <p className="mb-0 small">{t("seats.hint")}</p>
    </div>
  );
}
