// The access policy: `can(actor, action, item)` answers every "may this user do this (to that)".
// Pure and synchronous (no database): loaders.server.ts loads the items, policy.server.ts turns a
// refusal into a 403 for loaders and actions. Deny by default: an unknown action, or a visitor
// asking anything, is refused.
//
// A new domain adds a file of rules (see core.ts) and one argument to combineRules below.
import { combineRules, deny, SIGNED_OUT, type Actor, type Decision } from "./core.ts";
import { accountRules } from "./account.ts";
import { adminRules } from "./admin.ts";
import { communityRules } from "./community.ts";
import { blogRules } from "./blog.ts";
import { enrolmentRules } from "./enrolments.ts";
import { invitationRules } from "./invitations.ts";
import { organizationRules } from "./organizations.ts";
import { webinarRules } from "./webinars.ts";
import { surveyRules } from "./surveys.ts";
import { recordingRules } from "./recordings.ts";
import { pathwayRules } from "./pathways.ts";
import { monitoringRules } from "./monitoring.ts";
import { labRules } from "./labs.ts";

export const rules = combineRules(accountRules, adminRules, organizationRules, enrolmentRules, invitationRules, webinarRules, surveyRules, recordingRules, communityRules, blogRules, pathwayRules, monitoringRules, labRules);

type Rules = typeof rules;
export type Action = keyof Rules;
/** The item an action is about; actions without an item take none. */
export type ItemOf<A extends Action> = Parameters<Rules[A]> extends [unknown] ? never : Parameters<Rules[A]>[1];
export type ItemArgs<A extends Action> = Parameters<Rules[A]> extends [unknown] ? [] : [item: Parameters<Rules[A]>[1]];
/** Actions that concern no particular item (menus, areas, lists). */
export type AreaAction = { [A in Action]: Parameters<Rules[A]> extends [unknown] ? A : never }[Action];

export function can<A extends Action>(actor: Actor, action: A, ...item: ItemArgs<A>): Decision {
  if (!actor) return deny(SIGNED_OUT);
  const rule = (rules as Record<string, ((...args: unknown[]) => Decision) | undefined>)[action];
  if (!rule) return deny();
  return rule(actor, ...item);
}

export function isAction(value: string): value is Action {
  return Object.hasOwn(rules, value);
}

export { allow, deny, type Actor, type ActorUser, type Decision } from "./core.ts";
