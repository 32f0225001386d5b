// /files/<folderId>/edit: staff (tutors and admins) rename a folder, change its visibility (a
// top-level folder; its subfolders follow) or delete it when it holds nothing. Members get 403,
// a folder one may not see 404.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { FolderFields, folderLabels } from "~/components/files/folder-fields.tsx";
import { ErrorSummary } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { badRequest } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { can } from "~/modules/access/policy.ts";
import { enforce } from "~/modules/access/policy.server.ts";
import { requireCommunity } from "~/modules/community/access.server.ts";
import { deleteFolder, loadFolder, updateFolder } from "~/modules/community/files.server.ts";
import { categorySchema as folderSchema } from "~/modules/community/forms.server.ts";

export const meta = titleMeta<{ folder: { name: string } }>("files:edit.title", (data) => ({ name: data?.folder.name ?? "" }));

async function editableFolder(request: Request, folderId: string | undefined) {
  const viewer = await requireCommunity(request);
  const { folder } = await loadFolder(viewer, folderId);
  enforce(can(viewer.user, "community.folder.edit"));
  return { viewer, folder };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { folder } = await editableFolder(request, params.folderId);
  return json({ folder });
}

type ActionData = FormFailure | { problem: { key: string; values: Record<string, number> } };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { viewer, folder } = await editableFolder(request, params.folderId);
  const formData = await readForm(request);
  const meta = { ipAddress: context.clientIp };
  const intent = formData.get("intent");
  if (intent === "save") {
    const parsed = parseForm(formData, folderSchema);
    if (!parsed.ok) return json<ActionData>(parsed, { status: 400 });
    await updateFolder(viewer.user, folder, parsed.data, meta);
    return redirectWithFlash(`/files/${folder.id}`, { type: "success", message: "files:flash.folderUpdated" });
  }
  if (intent === "delete") {
    const outcome = await deleteFolder(viewer.user, folder, meta);
    if (!outcome.ok) return json<ActionData>({ problem: outcome.problem }, { status: 409 });
    return redirectWithFlash(outcome.parentId ? `/files/${outcome.parentId}` : "/files", { type: "success", message: "files:flash.folderDeleted" });
  }
  throw badRequest();
}

export default function FolderEditPage() {
  const { folder } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const failure = data && "fieldErrors" in data ? data : undefined;
  const problem = data && "problem" in data ? data.problem : undefined;
  const { t } = useTranslation("files");
  const initial = { name: folder.name, description: folder.description, visibility: folder.visibility, labId: folder.labId ?? "", position: String(folder.position) };
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/files", label: t("home.title") }, ...(folder.parent ? [{ to: `/files/${folder.parent.id}`, label: folder.parent.name }] : []), { to: `/files/${folder.id}`, label: folder.name }]} />
      <h1>{t("edit.title", { name: folder.name })}</h1>
      <section aria-labelledby="edit-folder" className="col-lg-8 my-4">
        <h2 id="edit-folder" className="h4">
          {t("edit.details")}
        </h2>
        {!folder.parentId ? <p>{t("edit.visibilityHint")}</p> : null}
        <ErrorSummary failure={failure} labels={folderLabels(t)} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="save" />
          <FolderFields failure={failure} sub={Boolean(folder.parentId)} initial={initial} />
          <button type="submit" className="btn btn-primary">
            {t("edit.save")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="delete-folder" className="col-lg-8 my-5">
        <h2 id="delete-folder" className="h4">
          {t("edit.deleteTitle")}
        </h2>
        <p>{t("edit.deleteHint")}</p>
        {problem ? (
          <div className="alert alert-danger" role="alert">
            {t(problem.key, problem.values)}
          </div>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="btn btn-outline-danger">
            {t("edit.delete")}
          </button>
        </Form>
      </section>
    </div>
  );
}
