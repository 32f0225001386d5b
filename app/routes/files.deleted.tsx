// /files/deleted (admins): the soft-deleted files of the file area, and restoring one.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { UploadFailure } from "~/components/progress-upload-form.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { deletedFiles, restoreFile } from "~/modules/community/files.server.ts";

export const meta = titleMeta("files:deleted.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "community.file.restore");
  return json({ files: await deletedFiles() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorize(request, "community.file.restore");
  const fileId = (await readForm(request)).get("fileId");
  if (typeof fileId !== "string" || !fileId) throw badRequest();
  const restored = await restoreFile(user, fileId, { ipAddress: context.clientIp });
  if (!restored.ok) return json<UploadFailure>({ problem: restored.problem }, { status: 409 });
  return redirectWithFlash("/files/deleted", { type: "success", message: "files:flash.restored" });
}

export default function DeletedFiles() {
  const { files } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as UploadFailure | undefined;
  const { t, i18n } = useTranslation("files");
  return (
    <div className="container page-section">
      <h1>{t("deleted.title")}</h1>
      <p>
        <Link to="/files">{t("home.title")}</Link>
      </p>
      {data?.problem ? (
        <div className="alert alert-danger" role="alert">
          {t(data.problem.key, data.problem.values)}
        </div>
      ) : null}
      {files.length ? (
        <div className="table-responsive">
          <table className="table">
            <caption>{t("deleted.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("deleted.name")}</th>
                <th scope="col">{t("deleted.folder")}</th>
                <th scope="col">{t("deleted.deletedAt")}</th>
                <th scope="col">{t("deleted.deletedBy")}</th>
                <th scope="col">{t("deleted.restore")}</th>
              </tr>
            </thead>
            <tbody>
              {files.map((file) => (
                <tr key={file.id}>
                  <td>
                    <Link to={`/files/file/${file.id}`} className="text-break">
                      {file.name}
                    </Link>
                  </td>
                  <td>
                    <Link to={`/files/${file.folder.id}`}>{file.folder.name}</Link>
                  </td>
                  <td>{file.deletedAt ? formatDateTime(file.deletedAt, i18n.language) : ""}</td>
                  <td>{file.deletedBy ?? ""}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="fileId" value={file.id} />
                      <button type="submit" className="btn btn-outline-primary btn-sm" aria-label={t("deleted.restoreNamed", { name: file.name })}>
                        {t("deleted.restore")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("deleted.empty")}</p>
      )}
    </div>
  );
}
