// Monitoring dashboards (issue 14): who may open them and which organizations' figures they see.
// Admins see every organization; tutors the organizations of their labs (a per-item role the
// scope loader fills from the labs' own tables); an organization's manager their organization and
// the organizations it covers (a union's municipalities). Everyone else: nothing.
import { allow, defineRules, deny, holdsItemRole, type WithItemRoles } from "./core.ts";
import { isAdmin, isTutor, managesAnOrganization } from "./roles.ts";

/** An organization as the monitoring rules see it; `roles` holds its tutors ({ role: "tutor" }). */
export type MonitoredOrganization = { id: string; parentId: string | null } & WithItemRoles<"tutor">;

export const MONITORING_AREA = "access:reasons.monitoringArea";

export const monitoringRules = defineRules({
  /** The /monitoring pages: admins, tutors and organization managers. */
  "monitoring.view": (actor) => (isAdmin(actor) || isTutor(actor) || managesAnOrganization(actor) ? allow : deny(MONITORING_AREA)),
  /** Every organization at once (the whole platform's figures). */
  "monitoring.all": (actor) => (isAdmin(actor) ? allow : deny()),
  /** One organization's figures. */
  "monitoring.organization": (actor, organization: MonitoredOrganization) => {
    if (isAdmin(actor)) return allow;
    if (isTutor(actor)) return holdsItemRole(actor, organization, "tutor") ? allow : deny();
    if (managesAnOrganization(actor) && (organization.id === actor.organizationId || organization.parentId === actor.organizationId)) return allow;
    return deny();
  },
});
