// /admin/organizations/:id/delete: confirm and delete; refused, with the reason, while the
// organization has members, member organizations or enrolments.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { notFound } from "~/lib/http.server.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { isDomainError } from "~/lib/domain-error.ts";
import { deleteOrganization, deletionBlockers, getOrganization } from "~/modules/organizations/organizations.server.ts";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta<{ name: string }>("org:delete.titleNamed", (data) => ({ name: data?.name ?? "" }));

async function load(request: Request, id: string) {
  const user = await authorize(request, "organizations.manage");
  const organization = await getOrganization(id);
  const blockers = organization ? await deletionBlockers(id) : null;
  if (!organization || !blockers) throw notFound();
  return { user, organization, blockers };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, blockers } = await load(request, params.id ?? "");
  return json({ id: organization.id, name: organization.name, blockers });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, organization } = await load(request, params.id ?? "");
  try {
    await deleteOrganization(organization.id, user.id, { ipAddress: context.clientIp });
  } catch (error) {
    // 409: the request was fine, the organization's state forbids it.
    if (isDomainError(error)) return json({ error: { key: error.key, values: error.values } }, { status: 409 });
    throw error;
  }
  return redirectWithFlash("/admin/organizations", { type: "success", message: "org:flash.deleted", values: { name: organization.name } });
}

export default function DeleteOrganization() {
  const { id, name, blockers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("org");
  return (
    <div className="container page-section">
      <Breadcrumbs
        items={[
          { to: "/admin", label: t("common:nav.admin") },
          { to: "/admin/organizations", label: t("list.title") },
          { to: `/admin/organizations/${id}`, label: name },
          { label: t("delete.title") },
        ]}
      />
      <h1>{t("delete.titleNamed", { name })}</h1>
      {result && "error" in result ? (
        <div className="alert alert-danger" role="alert">
          {t(result.error.key, result.error.values)}
        </div>
      ) : null}
      {blockers.blocked ? (
        <div className="alert alert-warning" role="status">
          <p>{t("delete.blocked")}</p>
          <ul className="mb-0">
            {blockers.members ? <li>{t("delete.blockerMembers", { count: blockers.members })}</li> : null}
            {blockers.children ? <li>{t("delete.blockerChildren", { count: blockers.children })}</li> : null}
            {blockers.enrolments ? <li>{t("delete.blockerEnrolments", { count: blockers.enrolments })}</li> : null}
          </ul>
        </div>
      ) : (
        <>
          <p>{t("delete.confirm")}</p>
          {blockers.invitations ? <p>{t("delete.invitationsNote", { count: blockers.invitations })}</p> : null}
          <Form method="post">
            <button type="submit" className="btn btn-danger">
              {t("delete.submit")}
            </button>
          </Form>
        </>
      )}
      <p className="mt-4">
        <Link to={`/admin/organizations/${id}`}>{t("common:actions.back")}</Link>
      </p>
    </div>
  );
}
