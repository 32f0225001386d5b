// /files/file/<fileId>: a file one may see (its folder's visibility; a deleted file only for
// admins): every version with its download, a new version (author or staff, with the progress
// bar), soft delete (author or staff), restore (admins).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { ProgressUploadForm, type UploadFailure } from "~/components/progress-upload-form.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { redirectWithFlash, setFlashHeader } from "~/lib/flash.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { allowedExtensions, formatBytes } from "~/lib/uploads/file-kinds.ts";
import { can } from "~/modules/access/policy.ts";
import { enforce } from "~/modules/access/policy.server.ts";
import { enforceVisible, requireCommunity } from "~/modules/community/access.server.ts";
import { deleteFile, FILE_AREA_KINDS, filesMaxBytes, loadFile, restoreFile, uploadToFileArea } from "~/modules/community/files.server.ts";

export const meta = titleMeta<{ file: { name: string } }>("files:file.title", (data) => ({ name: data?.file.name ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireCommunity(request);
  const { file, item } = await loadFile(viewer, params.fileId);
  return json({
    file: {
      id: file.id, name: file.name, deletedAt: file.deletedAt, folder: { id: file.folder.id, name: file.folder.name },
      versions: file.versions.map((v) => ({ number: v.number, fileName: v.fileName, size: Number(v.size), createdAt: v.createdAt, uploadedBy: v.uploadedBy.name })),
    },
    changes: can(viewer.user, "community.file.change", item).allowed,
    restores: Boolean(file.deletedAt) && can(viewer.user, "community.file.restore").allowed,
    maxBytes: filesMaxBytes(), accept: allowedExtensions(FILE_AREA_KINDS),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireCommunity(request);
  const { file, item } = await loadFile(viewer, params.fileId);
  const here = `/files/file/${file.id}`;
  const meta = { ipAddress: context.clientIp };
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    enforceVisible(viewer, "community.file.change", item);
    const outcome = await uploadToFileArea(request, viewer.user, { fileId: file.id }, meta);
    if (!outcome.ok) return json<UploadFailure>({ problem: outcome.problem }, { status: outcome.problem.status });
    if (request.headers.get("Accept")?.includes("application/json")) return json({ to: here }, { headers: { "Set-Cookie": await setFlashHeader({ type: "success", message: "files:flash.versionUploaded" }) } });
    return redirectWithFlash(here, { type: "success", message: "files:flash.versionUploaded" });
  }
  const intent = (await readForm(request)).get("intent");
  if (intent === "delete") {
    enforceVisible(viewer, "community.file.change", item);
    await deleteFile(viewer.user, file, meta);
    return redirectWithFlash(`/files/${file.folder.id}`, { type: "success", message: "files:flash.deleted" });
  }
  if (intent === "restore") {
    enforce(can(viewer.user, "community.file.restore"));
    const restored = await restoreFile(viewer.user, file.id, meta);
    if (!restored.ok) return json<UploadFailure>({ problem: restored.problem }, { status: 409 });
    return redirectWithFlash(here, { type: "success", message: "files:flash.restored" });
  }
  throw badRequest();
}

export default function FilePage() {
  const { file, changes, restores, maxBytes, accept } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as UploadFailure | undefined;
  const { t, i18n } = useTranslation("files");
  const problem = data?.problem ? t(data.problem.key, data.problem.values) : null;
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/files", label: t("home.title") }, { to: `/files/${file.folder.id}`, label: file.folder.name }]} />
      <h1 className="text-break">{file.name}</h1>
      {file.deletedAt ? (
        <div className="alert alert-warning" role="status">
          {t("file.deletedNotice", { date: formatDateTime(file.deletedAt, i18n.language) })}
        </div>
      ) : null}
      <div className="table-responsive">
        <table className="table">
          <caption>{t("file.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("file.version")}</th>
              <th scope="col">{t("file.fileName")}</th>
              <th scope="col">{t("file.size")}</th>
              <th scope="col">{t("file.uploadedBy")}</th>
              <th scope="col">{t("file.date")}</th>
              <th scope="col">{t("file.download")}</th>
            </tr>
          </thead>
          <tbody>
            {file.versions.map((v) => (
              <tr key={v.number}>
                <td>{v.number}</td>
                <td className="text-break">{v.fileName}</td>
                <td>{formatBytes(v.size)}</td>
                <td>{v.uploadedBy}</td>
                <td>{formatDateTime(v.createdAt, i18n.language)}</td>
                <td>
                  <a href={`/files/file/${file.id}/v/${v.number}`} download aria-label={t("file.downloadVersion", { number: v.number })}>
                    {t("file.download")}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {restores ? (
        <Form method="post" className="my-4">
          {problem ? (
            <div className="alert alert-danger" role="alert">
              {problem}
            </div>
          ) : null}
          <input type="hidden" name="intent" value="restore" />
          <button type="submit" className="btn btn-primary">
            {t("file.restore")}
          </button>
        </Form>
      ) : null}
      {changes ? (
        <>
          <section className="col-lg-8 my-5">
            <ProgressUploadForm
              field="file"
              label={t("upload.file")}
              hint={t("upload.hint", { accept, max: formatBytes(maxBytes) })}
              accept={accept}
              submitLabel={t("upload.submit")}
              progressLabel={(percent) => t("upload.progress", { percent })}
              describe={(p) => t(p.key, p.values)}
              failedText={t("upload.failed")}
              serverProblem={problem}
              headingId="version-title"
              heading={
                <h2 id="version-title" className="h4">
                  {t("file.newVersion")}
                </h2>
              }
            />
          </section>
          <Form method="post" className="my-4">
            <input type="hidden" name="intent" value="delete" />
            <p className="small" id="delete-hint">
              {t("file.deleteHint")}
            </p>
            <button type="submit" className="btn btn-outline-danger" aria-describedby="delete-hint">
              {t("file.delete")}
            </button>
          </Form>
        </>
      ) : null}
      <p className="mt-4">
        <Link to={`/files/${file.folder.id}`}>{t("file.back", { name: file.folder.name })}</Link>
      </p>
    </div>
  );
}
