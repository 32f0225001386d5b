// /admin/organizations/import: create organizations from a CSV file. Nothing is imported while
// any row is bad; the report lists every bad row, and the good rows are imported only after an
// explicit confirmation that resends the same content (see csv-import.server.ts for the rules).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { isDomainError } from "~/lib/domain-error.ts";
import { auditImport, importOrganizations, type Message, type RowReport } from "~/modules/organizations/csv-import.server.ts";
import { CSV_COLUMNS, CSV_HEADERS, MAX_FILE_BYTES, MAX_ROWS } from "~/modules/organizations/csv-format.ts";
import { readUploadToMemory } from "~/lib/uploads/upload.server.ts";
import { AcceptedHeaders, CsvMessageText } from "~/components/csv-message.tsx";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { FileField } from "~/components/forms.tsx";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("org:import.title");

type ImportResponse = {
  fileError?: Message;
  fileName?: string;
  encoding?: string;
  hadBom?: boolean;
  badRows?: RowReport[];
  goodCount?: number;
  goodPreview?: { line: number; name: string }[];
  content?: string;
  changedMeanwhile?: boolean;
  confirmMissing?: boolean;
};

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "organizations.manage");
  return json({});
}

const fail = (body: ImportResponse, status = 400) => json(body, { status });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorize(request, "organizations.manage");
  // The file is streamed and counted as it arrives (app/lib/uploads); the confirmation step
  // carries the same bytes back, base64-encoded, in an ordinary field.
  const form = await readUploadToMemory(request, { maxBytes: MAX_FILE_BYTES, kinds: ["csv"], maxFieldBytes: Math.ceil(MAX_FILE_BYTES / 3) * 4 + 1024, maxFields: 12 });
  if (!form.ok) return fail({ fileError: { key: form.problem.key, values: form.problem.values } }, form.problem.status);
  const { fields } = form;
  const confirming = fields.intent === "confirm";
  let bytes: Uint8Array;
  let fileName = "import.csv";
  if (confirming) {
    if (!fields.content) return fail({ fileError: { key: "org:import.errors.noFile" } });
    bytes = new Uint8Array(Buffer.from(fields.content, "base64"));
    fileName = (fields.fileName ?? fileName).slice(0, 200);
  } else {
    if (!form.file) return fail({ fileError: { key: "org:import.errors.noFile" } });
    fileName = form.file.name || fileName;
    bytes = form.file.bytes;
  }
  // Without the tick nothing is imported: the report comes back with the box to tick.
  const confirmed = confirming && fields.confirm === "on";
  try {
    const outcome = await importOrganizations(bytes, {
      actorId: user.id,
      confirmGoodRows: confirmed,
      expectedGoodRows: Number(fields.expectedGoodRows),
    });
    if (outcome.status === "imported") {
      await auditImport(user.id, outcome, fileName, { ipAddress: context.clientIp });
      return redirectWithFlash("/admin/organizations", {
        type: "success",
        message: outcome.skipped ? "org:flash.importedSkipping" : "org:flash.imported",
        values: { count: outcome.count, skipped: outcome.skipped },
      });
    }
    const { analysis } = outcome;
    return fail({
      fileError: analysis.fileError ?? (analysis.goodRows.length === 0 ? { key: "org:import.errors.noGoodRows" } : undefined),
      fileName,
      encoding: analysis.encoding,
      hadBom: analysis.hadBom,
      badRows: analysis.badRows,
      goodCount: analysis.goodRows.length,
      goodPreview: analysis.goodRows.slice(0, 20).map((row) => ({ line: row.line, name: row.data.name })),
      // Re-sent with the confirmation: the file's own bytes as base64, read again the same way.
      content: Buffer.from(bytes).toString("base64"),
      changedMeanwhile: outcome.changedMeanwhile,
      confirmMissing: confirming && !confirmed,
    });
  } catch (error) {
    if (isDomainError(error)) return fail({ fileError: { key: error.key, values: error.values }, fileName }, 409);
    throw error;
  }
}

function Report({ data }: { data: ImportResponse }) {
  const { t } = useTranslation("org");
  const badRows = data.badRows ?? [];
  const goodCount = data.goodCount ?? 0;
  return (
    <section aria-labelledby="report-title" className="mt-4">
      <h2 id="report-title" className="h3">
        {t("import.reportTitle", { file: data.fileName ?? "" })}
      </h2>
      {data.encoding === "windows-1252" ? (
        <div className="alert alert-warning" role="status">
          {t("import.encodingFallback")}
        </div>
      ) : null}
      {data.fileError ? (
        <div className="alert alert-danger" role="alert">
          <CsvMessageText message={data.fileError} />
        </div>
      ) : null}
      {data.confirmMissing ? (
        <div className="alert alert-warning" role="alert">
          {t("import.confirmMissing")}
        </div>
      ) : null}
      {data.changedMeanwhile ? (
        <div className="alert alert-warning" role="alert">
          {t("import.changedMeanwhile")}
        </div>
      ) : null}
      {badRows.length ? (
        <>
          <p className="alert alert-danger" role="alert">
            {t("import.nothingImported", { bad: badRows.length, good: goodCount })}
          </p>
          <div className="table-responsive">
            <table className="table">
              <caption>{t("import.badRowsCaption", { count: badRows.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("import.line")}</th>
                  <th scope="col">{t("fields.name")}</th>
                  <th scope="col">{t("import.problems")}</th>
                </tr>
              </thead>
              <tbody>
                {badRows.map((row) => (
                  <tr key={row.line}>
                    <th scope="row">{row.line}</th>
                    <td>{row.name || "—"}</td>
                    <td>
                      <ul className="mb-0 ps-3">
                        {row.errors.map((error, index) => (
                          <li key={index}>{t(error.key, error.values)}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {badRows.length && goodCount && data.content ? (
        <Form method="post" className="mt-3 p-3 border rounded">
          <h3 className="h5">{t("import.confirmTitle")}</h3>
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="content" value={data.content} />
          <input type="hidden" name="fileName" value={data.fileName} />
          <input type="hidden" name="expectedGoodRows" value={goodCount} />
          <div className="form-check mb-3">
            <input id="confirm" name="confirm" type="checkbox" required />
            <label htmlFor="confirm">{t("import.confirmLabel", { good: goodCount, bad: badRows.length })}</label>
          </div>
          <button type="submit" className="btn btn-primary">
            {t("import.confirmSubmit", { count: goodCount })}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export default function ImportOrganizations() {
  const data = useActionData<typeof action>() as ImportResponse | undefined;
  const navigation = useNavigation();
  const { t } = useTranslation("org");
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/admin", label: t("common:nav.admin") }, { to: "/admin/organizations", label: t("list.title") }, { label: t("import.title") }]} />
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <ul>
        <li>{t("import.columns", { columns: CSV_COLUMNS.join(", ") })}</li>
        <li>
          <AcceptedHeaders columns={CSV_HEADERS} />
        </li>
        <li>{t("import.kindsHelp")}</li>
        <li>{t("import.parentHelp")}</li>
        <li>{t("import.encodingHelp")}</li>
        <li>{t("import.formulaHelp")}</li>
        <li>{t("import.limitsHelp", { rows: MAX_ROWS, size: `${MAX_FILE_BYTES / 1024 / 1024} MB` })}</li>
        <li>{t("import.allOrNothing")}</li>
      </ul>
      <Form method="post" encType="multipart/form-data" className="form-narrow">
        <input type="hidden" name="intent" value="analyse" />
        <FileField name="file" label={t("import.fileLabel")} accept=".csv,text/csv" required />
        <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
          {t("import.submit")}
        </button>
      </Form>
      {data ? <Report data={data} /> : null}
    </div>
  );
}
