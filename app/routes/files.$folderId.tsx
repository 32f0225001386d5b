// /files/<folderId>: a folder one may see (404 otherwise): its subfolders, its files, the upload
// form with a progress bar (a plain multipart form without JavaScript), and for admins the form
// to add a subfolder (one level).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FolderTable } from "~/components/files/folder-table.tsx";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { FolderFields, folderLabels } from "~/components/files/folder-fields.tsx";
import { ErrorSummary } from "~/components/forms.tsx";
import { ProgressUploadForm, type UploadFailure } from "~/components/progress-upload-form.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { redirectWithFlash, setFlashHeader } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { badRequest } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { allowedExtensions, formatBytes } from "~/lib/uploads/file-kinds.ts";
import { can } from "~/modules/access/policy.ts";
import { enforce } from "~/modules/access/policy.server.ts";
import { enforceVisible, requireCommunity } from "~/modules/community/access.server.ts";
import { createFolder, FILE_AREA_KINDS, filesMaxBytes, listFiles, listFolders, loadFolder, quotaOf, uploadToFileArea } from "~/modules/community/files.server.ts";
import { categorySchema as folderSchema } from "~/modules/community/forms.server.ts";

export const meta = titleMeta<{ folder: { name: string } }>("files:folder.title", (data) => ({ name: data?.folder.name ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireCommunity(request);
  const { folder, item } = await loadFolder(viewer, params.folderId);
  // Folders nest one level: a subfolder has no subfolders.
  const subfolders = folder.parentId ? [] : await listFolders(viewer, folder.id);
  const [files, quota] = await Promise.all([listFiles(folder.id), quotaOf(viewer.user)]);
  return json({
    folder, subfolders, files, quota,
    maxBytes: filesMaxBytes(), accept: allowedExtensions(FILE_AREA_KINDS),
    uploads: can(viewer.user, "community.file.upload", item).allowed,
    admin: !folder.parentId && can(viewer.user, "community.folder.manage").allowed,
    edits: can(viewer.user, "community.folder.edit").allowed,
  });
}

type ActionData = UploadFailure | FormFailure;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireCommunity(request);
  const { folder, item } = await loadFolder(viewer, params.folderId);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    enforceVisible(viewer, "community.file.upload", item);
    const outcome = await uploadToFileArea(request, viewer.user, { folderId: folder.id }, { ipAddress: context.clientIp });
    if (!outcome.ok) return json<ActionData>({ problem: outcome.problem }, { status: outcome.problem.status });
    const to = `/files/file/${outcome.fileId}`;
    if (request.headers.get("Accept")?.includes("application/json")) return json({ to }, { headers: { "Set-Cookie": await setFlashHeader({ type: "success", message: "files:flash.uploaded" }) } });
    return redirectWithFlash(to, { type: "success", message: "files:flash.uploaded" });
  }
  const formData = await readForm(request);
  if (formData.get("intent") !== "folder") throw badRequest();
  enforce(can(viewer.user, "community.folder.manage"));
  if (folder.parentId) throw badRequest("files:errors.nested");
  const parsed = parseForm(formData, folderSchema);
  if (!parsed.ok) return json<ActionData>(parsed, { status: 400 });
  const sub = await createFolder(viewer.user, parsed.data, folder, { ipAddress: context.clientIp });
  return redirectWithFlash(`/files/${sub.id}`, { type: "success", message: "files:flash.folderSaved" });
}

export default function FolderPage() {
  const { folder, subfolders, files, quota, maxBytes, accept, uploads, admin, edits } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const failure = data && "fieldErrors" in data ? data : undefined;
  const uploadProblem = data && "problem" in data ? data.problem : undefined;
  const { t, i18n } = useTranslation("files");
  const { t: tc } = useTranslation("community");
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/files", label: t("home.title") }, ...(folder.parent ? [{ to: `/files/${folder.parent.id}`, label: folder.parent.name }] : [])]} />
      <h1>
        {folder.name}
        {folder.visibility !== "COMMUNITY" ? <span className="badge bg-secondary ms-2 fs-6 align-middle">{tc(`visibility.${folder.visibility}`)}</span> : null}
      </h1>
      {folder.description ? <p className="lead">{folder.description}</p> : null}
      {edits ? (
        <p>
          <Link to={`/files/${folder.id}/edit`}>{t("edit.link")}</Link>
        </p>
      ) : null}
      {subfolders.length ? (
        <FolderTable folders={subfolders} caption={t("folder.subCaption")} />
      ) : null}
      {files.length ? (
        <div className="table-responsive">
          <table className="table">
            <caption>{t("folder.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("folder.name")}</th>
                <th scope="col">{t("folder.size")}</th>
                <th scope="col">{t("folder.versions")}</th>
                <th scope="col">{t("folder.author")}</th>
                <th scope="col">{t("folder.updated")}</th>
                <th scope="col">{t("file.download")}</th>
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
                  <td>{file.latest ? formatBytes(file.latest.size) : ""}</td>
                  <td>{file.versionCount}</td>
                  <td>{file.author.name}</td>
                  <td>{formatDateTime(file.updatedAt, i18n.language)}</td>
                  <td>
                    {file.latest ? (
                      <a href={`/files/file/${file.id}/v/${file.latest.number}`} download aria-label={t("folder.download", { name: file.name })}>
                        {t("file.download")}
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("folder.empty")}</p>
      )}
      {uploads ? (
        <section className="col-lg-8 my-5">
          {quota ? <p>{t("home.quota", { used: formatBytes(quota.used), limit: formatBytes(quota.limit) })}</p> : null}
          <ProgressUploadForm
            field="file"
            label={t("upload.file")}
            hint={t("upload.hint", { accept, max: formatBytes(maxBytes) })}
            accept={accept}
            submitLabel={t("upload.submit")}
            progressLabel={(percent) => t("upload.progress", { percent })}
            describe={(problem) => t(problem.key, problem.values)}
            failedText={t("upload.failed")}
            serverProblem={uploadProblem ? t(uploadProblem.key, uploadProblem.values) : null}
            headingId="upload-title"
            heading={
              <h2 id="upload-title" className="h4">
                {t("upload.title")}
              </h2>
            }
          />
        </section>
      ) : null}
      {admin ? (
        <section aria-labelledby="new-folder" className="col-lg-8 my-5">
          <h2 id="new-folder" className="h4">
            {t("folders.newSub")}
          </h2>
          <ErrorSummary failure={failure} labels={folderLabels(t)} />
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="folder" />
            <FolderFields failure={failure} sub />
            <button type="submit" className="btn btn-primary">
              {t("folders.create")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
