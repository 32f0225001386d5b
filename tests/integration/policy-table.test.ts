// The access policy as a table: every role x kit x enrolment state x placement (the member's own
// organization or its parent union) x entitlement. The expected answer comes from the product
// table below (SPEC.md "Kits"), not from the code under test.
import { db } from "~/lib/db.server.ts";
import { canManageOrganization, canUse, loadAccess, type AccessContext } from "~/modules/access/policy.server.ts";
import type { EnrolmentStatus, Kit } from "~/generated/sqlite/client.ts";
import { createUser } from "../helpers/fixtures.ts";

const DAY = 24 * 3600 * 1000;
const NOW = new Date();
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

// What each kit grants (SPEC.md).
const KIT_SPEC: Record<Kit, string[]> = {
  BASIC: ["webinars", "recordings"],
  INTERMEDIATE: ["webinars", "recordings", "lab"],
  PLUS: ["webinars", "recordings", "lab", "community", "surveys"],
};
const ENTITLEMENT_LIST = ["webinars", "recordings", "lab", "community", "surveys"] as const;

// Enrolment states, including an ACTIVE row whose end has passed before the job marked it.
const STATE_SPEC = {
  PENDING: { status: "PENDING", startsAt: at(10), endsAt: at(100), grants: false, reason: "access:reasons.notStarted" },
  ACTIVE: { status: "ACTIVE", startsAt: at(-10), endsAt: at(100), grants: true, reason: "access:reasons.kitLacks" },
  EXPIRED: { status: "EXPIRED", startsAt: at(-200), endsAt: at(-10), grants: false, reason: "access:reasons.ended" },
  CANCELLED: { status: "CANCELLED", startsAt: at(-10), endsAt: at(100), grants: false, reason: "access:reasons.cancelledWithReason" },
  ACTIVE_PAST_END: { status: "ACTIVE", startsAt: at(-200), endsAt: new Date(NOW.getTime() - 60_000), grants: false, reason: "access:reasons.ended" },
} as const;
type State = keyof typeof STATE_SPEC;

// Who the user is: staff see everything; members only through enrolments; the rest nothing.
const ROLE_SPEC = {
  ADMIN: "everything",
  TUTOR: "everything",
  MEMBER: "enrolment",
  "MEMBER-manager": "enrolment",
  "member without organization": "nothing",
  visitor: "nothing",
} as const;
type RoleCase = keyof typeof ROLE_SPEC;

const PLACEMENTS = ["direct", "parent"] as const;
type Placement = (typeof PLACEMENTS)[number];

type Case = { role: RoleCase; kit: Kit; state: State; placement: Placement; entitlement: (typeof ENTITLEMENT_LIST)[number]; allowed: boolean; reason?: string };

const cases: Case[] = [];
for (const role of Object.keys(ROLE_SPEC) as RoleCase[])
  for (const kit of Object.keys(KIT_SPEC) as Kit[])
    for (const state of Object.keys(STATE_SPEC) as State[])
      for (const placement of PLACEMENTS)
        for (const entitlement of ENTITLEMENT_LIST) {
          const spec = ROLE_SPEC[role];
          const grantedByEnrolment = STATE_SPEC[state].grants && KIT_SPEC[kit].includes(entitlement);
          const allowed = spec === "everything" || (spec === "enrolment" && grantedByEnrolment);
          let reason: string | undefined;
          if (!allowed) {
            if (role === "visitor") reason = "access:reasons.signedOut";
            else if (role === "member without organization") reason = "access:reasons.noOrganization";
            else reason = state === "ACTIVE" ? `access:reasons.kitLacks.${entitlement}` : STATE_SPEC[state].reason;
          }
          cases.push({ role, kit, state, placement, entitlement, allowed, reason });
        }

type Scenario = { member: Awaited<ReturnType<typeof createUser>>; manager: Awaited<ReturnType<typeof createUser>> };
const scenarios = new Map<string, Scenario>();
const staff: Partial<Record<RoleCase, Awaited<ReturnType<typeof createUser>>>> = {};
const accessCache = new Map<string, Promise<AccessContext>>();

beforeAll(async () => {
  staff.ADMIN = await createUser({ role: "ADMIN" });
  staff.TUTOR = await createUser({ role: "TUTOR" });
  staff["member without organization"] = await createUser({ role: "MEMBER" });
  for (const kit of Object.keys(KIT_SPEC) as Kit[])
    for (const state of Object.keys(STATE_SPEC) as State[])
      for (const placement of PLACEMENTS) {
        const label = `${kit}-${state}-${placement}`;
        const union = placement === "parent" ? await db.organization.create({ data: { name: `Unione ${label}`, kind: "UNION" } }) : null;
        const municipality = await db.organization.create({ data: { name: `Comune ${label}`, kind: "MUNICIPALITY", parentId: union?.id } });
        const spec = STATE_SPEC[state];
        await db.enrolment.create({
          data: {
            organizationId: (union ?? municipality).id,
            kit,
            status: spec.status as EnrolmentStatus,
            startsAt: spec.startsAt,
            endsAt: spec.endsAt,
            seats: 10,
            ...(state === "CANCELLED" ? { cancelledAt: at(-1), cancelReason: "Ritiro dal progetto" } : {}),
          },
        });
        scenarios.set(label, {
          member: await createUser({ role: "MEMBER", organizationId: municipality.id }),
          manager: await createUser({ role: "MEMBER", organizationId: municipality.id, isOrganizationManager: true }),
        });
      }
});

function accessOf(c: Case) {
  const scenario = scenarios.get(`${c.kit}-${c.state}-${c.placement}`)!;
  const user = c.role === "visitor" ? null : c.role === "MEMBER" ? scenario.member : c.role === "MEMBER-manager" ? scenario.manager : staff[c.role]!;
  const key = user?.id ?? "visitor";
  let pending = accessCache.get(key);
  if (!pending) {
    pending = loadAccess(user, NOW);
    accessCache.set(key, pending);
  }
  return pending;
}

describe(`access policy table: ${cases.length} cases (6 roles x 3 kits x 5 states x 2 placements x 5 entitlements)`, () => {
  it("covers every combination exactly once", () => {
    expect(cases).toHaveLength(6 * 3 * 5 * 2 * 5);
    expect(new Set(cases.map((c) => `${c.role}|${c.kit}|${c.state}|${c.placement}|${c.entitlement}`)).size).toBe(cases.length);
    // Sanity of the table itself: some allowed and some refused for members.
    expect(cases.filter((c) => c.role === "MEMBER" && c.allowed)).toHaveLength(2 * (2 + 3 + 5));
  });

  it.each(cases.map((c) => [`${c.role} | ${c.kit} | ${c.state} | ${c.placement} | ${c.entitlement} -> ${c.allowed ? "allow" : "deny"}`, c] as const))("%s", async (_name, c) => {
    const decision = canUse(await accessOf(c), c.entitlement);
    expect(decision.allowed).toBe(c.allowed);
    if (!decision.allowed) expect(decision.reason).toBe(c.reason);
  });
});

describe("entitlements from several enrolments", () => {
  it("a municipality's own BASIC and its union's PLUS add up", async () => {
    const union = await db.organization.create({ data: { name: "Unione Somma", kind: "UNION" } });
    const town = await db.organization.create({ data: { name: "Comune Somma", kind: "MUNICIPALITY", parentId: union.id } });
    await db.enrolment.create({ data: { organizationId: town.id, kit: "BASIC", status: "ACTIVE", startsAt: at(-5), endsAt: at(50), seats: 5 } });
    const member = await createUser({ organizationId: town.id });
    expect(canUse(await loadAccess(member, NOW), "community").allowed).toBe(false);
    await db.enrolment.create({ data: { organizationId: union.id, kit: "PLUS", status: "ACTIVE", startsAt: at(-5), endsAt: at(50), seats: 5 } });
    const access = await loadAccess(member, NOW);
    expect([...access.entitlements].sort()).toEqual(["community", "lab", "recordings", "surveys", "webinars"]);
    expect(access.enrolments.map((e) => [e.kit, e.inherited]).sort()).toEqual([["BASIC", false], ["PLUS", true]]);
  });

  it("says which kits include what the member's kit lacks, and when an enrolment ended", async () => {
    const town = await db.organization.create({ data: { name: "Comune Motivi", kind: "MUNICIPALITY" } });
    await db.enrolment.create({ data: { organizationId: town.id, kit: "BASIC", status: "ACTIVE", startsAt: at(-5), endsAt: at(50), seats: 5 } });
    const member = await createUser({ organizationId: town.id, locale: "it" });
    const lab = canUse(await loadAccess(member, NOW), "lab");
    expect(lab).toEqual({ allowed: false, reason: "access:reasons.kitLacks.lab", values: { kit: "BASIC", kits: "INTERMEDIATE, PLUS" } });
    // Twenty days later the enrolment has ended, even if nobody marked it EXPIRED.
    const later = canUse(await loadAccess(member, at(60)), "webinars");
    expect(later.allowed).toBe(false);
    if (!later.allowed) {
      expect(later.reason).toBe("access:reasons.ended");
      expect(String(later.values?.date)).toMatch(/\d{4}/);
    }
  });

  it("a member whose organization never enrolled is told so", async () => {
    const town = await db.organization.create({ data: { name: "Comune Senza", kind: "MUNICIPALITY" } });
    const member = await createUser({ organizationId: town.id });
    expect(canUse(await loadAccess(member, NOW), "webinars")).toMatchObject({ allowed: false, reason: "access:reasons.noEnrolment" });
  });
});

describe("organization.manage", () => {
  it("admins everywhere; managers on their organization and, for a union, its members; nobody else", async () => {
    const union = await db.organization.create({ data: { name: "Unione Gestione", kind: "UNION" } });
    const townA = await db.organization.create({ data: { name: "Comune A", kind: "MUNICIPALITY", parentId: union.id } });
    const townB = await db.organization.create({ data: { name: "Comune B", kind: "MUNICIPALITY", parentId: union.id } });
    const other = await db.organization.create({ data: { name: "Comune Altro", kind: "MUNICIPALITY" } });
    const admin = await createUser({ role: "ADMIN" });
    const tutor = await createUser({ role: "TUTOR" });
    const unionManager = await createUser({ organizationId: union.id, isOrganizationManager: true });
    const townManager = await createUser({ organizationId: townA.id, isOrganizationManager: true });
    const townMember = await createUser({ organizationId: townA.id });
    const table: [string, Parameters<typeof canManageOrganization>[0], string, boolean][] = [
      ["admin, any organization", admin, other.id, true],
      ["tutor", tutor, townA.id, false],
      ["visitor", null, townA.id, false],
      ["union manager, the union", unionManager, union.id, true],
      ["union manager, a member municipality", unionManager, townB.id, true],
      ["union manager, an unrelated municipality", unionManager, other.id, false],
      ["municipality manager, own", townManager, townA.id, true],
      ["municipality manager, its union", townManager, union.id, false],
      ["municipality manager, a sibling", townManager, townB.id, false],
      ["member who is not a manager, own", townMember, townA.id, false],
    ];
    for (const [label, user, organizationId, expected] of table) {
      expect([label, await canManageOrganization(user, organizationId)]).toEqual([label, expected]);
    }
  });
});
