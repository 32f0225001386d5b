// The core of the access policy: who acts (Actor), what the policy answers (Decision) and how a
// domain declares its rules. Domains never edit this file: a new domain (webinars, forum, files,
// surveys, labs) adds its own file of rules next to this one and one line in policy.ts.
//
// A rule answers one action for one kind of item: `(actor, item) => Decision`. Who may do what to
// *that* item comes from the item itself (its organization, its per-item roles such as a webinar's
// speakers or a lab's tutors), loaded by the caller or by a small loader in loaders.server.ts, never
// from new role columns on the user. Rules are pure and synchronous, so they can be called from
// loaders, from lists (one decision per row) and from tests without a database.
import type { Role } from "~/generated/sqlite/enums.ts";

export type { Role };

/** The signed-in user as the policy sees them. */
export type ActorUser = {
  id: string;
  role: Role | string;
  organizationId: string | null;
  isOrganizationManager: boolean;
};

/** null is a visitor. */
export type Actor = ActorUser | null;

export type DecisionValues = Record<string, string | number>;

/** allowed, or refused with a reason key (an i18n key the error page translates) and its values. */
export type Decision = { allowed: true } | { allowed: false; reason: string; values?: DecisionValues };

export const allow: Decision = Object.freeze({ allowed: true as const });

/** The generic refusal ("you may not open this page") unless a clearer reason fits. */
export const FORBIDDEN = "errors.forbiddenText";
export const SIGNED_OUT = "errors.unauthorizedText";

export function deny(reason: string = FORBIDDEN, values?: DecisionValues): Decision {
  return values ? { allowed: false, reason, values } : { allowed: false, reason };
}

/** The first refusal among `decisions`, or allow. */
export function all(...decisions: Decision[]): Decision {
  return decisions.find((decision) => !decision.allowed) ?? allow;
}

/** A rule for actions on an item of type `Item` (`void` for actions that concern no item). */
export type Rule<Item = void> = (actor: ActorUser, item: Item) => Decision;

// `any` is deliberate: each rule keeps its own item type, which `can` recovers per action.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RuleSet = Record<string, Rule<any>>;

/** Identity with a type check: one domain's rules, keyed "domain.action". */
export function defineRules<R extends RuleSet>(rules: R): R {
  return rules;
}

/** Joins the domains' rule sets; two domains claiming the same action is a programming error. */
export function combineRules<Sets extends RuleSet[]>(...sets: Sets): UnionToIntersection<Sets[number]> {
  const combined: RuleSet = {};
  for (const set of sets) {
    for (const [action, rule] of Object.entries(set)) {
      if (action in combined) throw new Error(`Access rule "${action}" is defined twice`);
      combined[action] = rule;
    }
  }
  return combined as UnionToIntersection<Sets[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

// ---- per-item roles ------------------------------------------------------------------------------

/**
 * An item that carries its own roles: a webinar's speakers and support staff, a lab's tutors and
 * cohort, a survey's audience. The loader of the item fills `roles` from the item's own table
 * (e.g. WebinarSpeaker rows); the rule asks `holdsItemRole(actor, item, "speaker")`.
 */
export type WithItemRoles<R extends string = string> = { roles: ReadonlyArray<{ userId: string; role: R }> };

export function holdsItemRole<R extends string>(actor: ActorUser, item: WithItemRoles<R>, ...roles: R[]): boolean {
  return item.roles.some((entry) => entry.userId === actor.id && roles.includes(entry.role));
}
