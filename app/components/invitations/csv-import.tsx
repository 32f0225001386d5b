// The CSV invitation form and its line-by-line report. The report's confirm button posts the
// same file text again (hidden field) with goodRowsOnly, so it works without JavaScript.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FileField, SelectField } from "~/components/forms.tsx";
import type { CsvReport } from "~/modules/invitations/csv-import.server.ts";
import type { RowProblem } from "~/modules/invitations/csv.server.ts";
import { INVITATION_CSV_HEADERS } from "~/modules/invitations/limits.ts";
import { AcceptedHeaders, CsvMessageText } from "~/components/csv-message.tsx";

const EXAMPLE = "email;nome;responsabile\nmario.rossi@comune.example.it;Mario Rossi;no\nanna.bianchi@comune.example.it;Anna Bianchi;sì";

function useProblemText() {
  const { t } = useTranslation("invitations");
  return (problem: RowProblem) => t(problem.key, problem.values);
}

export function CsvUploadForm({
  organizations,
  organizationId,
  maxRows,
  maxKb,
}: {
  organizations: { id: string; name: string }[];
  organizationId?: string;
  maxRows: number;
  maxKb: number;
}) {
  const { t } = useTranslation("invitations");
  return (
    <>
      <h2 className="h4">{t("csv.formatTitle")}</h2>
      <p>{t("csv.format", { rows: maxRows, kb: maxKb })}</p>
      <div className="mb-3">
        <AcceptedHeaders columns={INVITATION_CSV_HEADERS} />
      </div>
      <p className="mb-1">{t("csv.example")}:</p>
      <pre className="bg-light p-2 border">
        <code>{EXAMPLE}</code>
      </pre>
      <Form method="post" encType="multipart/form-data" className="mt-4">
        {organizations.length > 1 ? (
          <SelectField
            name="organizationId"
            label={t("csv.organization")}
            required
            defaultValue={organizationId}
            options={organizations.map((organization) => ({ value: organization.id, label: organization.name }))}
          />
        ) : organizations[0] ? (
          <input type="hidden" name="organizationId" value={organizations[0].id} />
        ) : null}
        <FileField name="file" label={t("csv.file")} accept=".csv,text/csv" required />
        <button type="submit" className="btn btn-primary">
          {t("csv.submit")}
        </button>
      </Form>
    </>
  );
}

export function CsvProblem({ problem }: { problem: RowProblem }) {
  return (
    <div className="alert alert-danger" role="alert">
      <CsvMessageText message={problem} />
    </div>
  );
}

export function CsvReportView({ report, csvText, organizationId }: { report: CsvReport; csvText: string; organizationId: string }) {
  const { t } = useTranslation("invitations");
  const text = useProblemText();
  return (
    <section aria-labelledby="csv-report-title" className="mt-4">
      <h2 id="csv-report-title" className="h4">
        {t("csv.reportTitle")}
      </h2>
      <div className="alert alert-warning" role="alert">
        {report.fileProblem ? (
          <div className="mb-1">
            <CsvMessageText message={report.fileProblem} />
          </div>
        ) : null}
        {report.seatsProblem ? <p className="mb-1">{text(report.seatsProblem)}</p> : null}
        {!report.fileProblem ? <p className="mb-1">{t("csv.summary", { good: report.good, bad: report.bad })}</p> : null}
        <p className="mb-0 fw-semibold">{t("csv.nothingSent")}</p>
      </div>
      {report.rows.length ? (
        <div className="table-responsive">
          <table className="table">
            <caption>{t("csv.reportCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("csv.line")}</th>
                <th scope="col">{t("csv.email")}</th>
                <th scope="col">{t("csv.name")}</th>
                <th scope="col">{t("csv.manager")}</th>
                <th scope="col">{t("csv.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr key={row.line} className={row.problem ? "table-danger" : undefined}>
                  <th scope="row">{row.line}</th>
                  <td className="text-break">{row.email}</td>
                  <td className="text-break">{row.name}</td>
                  <td>{row.asManager ? t("csv.yes") : t("csv.no")}</td>
                  <td>{row.problem ? text(row.problem) : t("csv.ok")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.good > 0 && report.bad > 0 && !report.seatsProblem && !report.fileProblem ? (
        <Form method="post" className="mt-3">
          <h3 className="h5">{t("csv.confirmTitle")}</h3>
          <p>{t("csv.confirmText")}</p>
          <input type="hidden" name="organizationId" value={organizationId} />
          <input type="hidden" name="goodRowsOnly" value="true" />
          <input type="hidden" name="csvText" value={csvText} />
          <button type="submit" className="btn btn-primary">
            {t("csv.confirmGoodOnly", { count: report.good })}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
