// /files: the community's file area (the SPEC's stable address). The folders one may see (the
// forum's visibility rule), the organization's used space, and for admins the form to add a
// folder and the way to the deleted files.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FolderTable } from "~/components/files/folder-table.tsx";
import { FolderFields, folderLabels } from "~/components/files/folder-fields.tsx";
import { ErrorSummary } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { formatBytes } from "~/lib/uploads/file-kinds.ts";
import { can } from "~/modules/access/policy.ts";
import { enforce } from "~/modules/access/policy.server.ts";
import { requireCommunity } from "~/modules/community/access.server.ts";
import { createFolder, listFolders, quotaOf } from "~/modules/community/files.server.ts";
import { categorySchema as folderSchema } from "~/modules/community/forms.server.ts";

export const meta = titleMeta("files:home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireCommunity(request);
  const [folders, quota] = await Promise.all([listFolders(viewer, null), quotaOf(viewer.user)]);
  return json({ folders, quota, admin: can(viewer.user, "community.folder.manage").allowed, restorer: can(viewer.user, "community.file.restore").allowed });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireCommunity(request);
  enforce(can(viewer.user, "community.folder.manage"));
  const parsed = parseForm(await readForm(request), folderSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const folder = await createFolder(viewer.user, parsed.data, null, { ipAddress: context.clientIp });
  return redirectWithFlash(`/files/${folder.id}`, { type: "success", message: "files:flash.folderSaved" });
}

export default function FilesHome() {
  const { folders, quota, admin, restorer } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("files");
  return (
    <div className="container page-section">
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <ul className="list-inline mb-4">
        <li className="list-inline-item">
          <Link to="/community">{t("home.forum")}</Link>
        </li>
        {restorer ? (
          <li className="list-inline-item">
            <Link to="/files/deleted">{t("home.deleted")}</Link>
          </li>
        ) : null}
      </ul>
      {quota ? <p>{t("home.quota", { used: formatBytes(quota.used), limit: formatBytes(quota.limit) })}</p> : null}
      {folders.length ? (
        <FolderTable folders={folders} caption={t("home.caption")} />
      ) : (
        <p>{t("home.empty")}</p>
      )}
      {admin ? (
        <section aria-labelledby="new-folder" className="col-lg-8 my-5">
          <h2 id="new-folder" className="h4">
            {t("folders.new")}
          </h2>
          <ErrorSummary failure={failure} labels={folderLabels(t)} />
          <Form method="post" noValidate>
            <FolderFields failure={failure} />
            <button type="submit" className="btn btn-primary">
              {t("folders.create")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
