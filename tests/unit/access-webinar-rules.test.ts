// The webinar rules without a database: who may attend by audience and enrolment, and per-webinar
// powers that hold on their own webinar only.
import type { ActorUser } from "~/modules/access/core.ts";
import { can } from "~/modules/access/policy.ts";
import type { WebinarAttendItem, WebinarItem, WebinarViewer } from "~/modules/access/webinars.ts";

const actor = (overrides: Partial<ActorUser> = {}): ActorUser => ({ id: "u1", role: "MEMBER", organizationId: "town", isOrganizationManager: false, ...overrides });
const tutor = actor({ id: "t", role: "TUTOR", organizationId: null });
const member = actor({ id: "m" });
const speaker = actor({ id: "s", organizationId: null });

const plusOnly: WebinarItem = { id: "w1", status: "SCHEDULED", audience: "KITS", audienceKits: ["PLUS"], audienceOrganizationIds: [], roles: [{ userId: "s", role: "SPEAKER" }], labId: null };
const other: WebinarItem = { ...plusOnly, id: "w2", roles: [] };

const viewer = (overrides: Partial<WebinarViewer> = {}): WebinarViewer => ({ webinars: { allowed: true }, kits: ["PLUS"], organizationIds: ["town", "union"], labIds: [], ...overrides });
const attending = (webinar: WebinarItem, seen: WebinarViewer): WebinarAttendItem => ({ ...webinar, viewer: seen });

describe("who may attend", () => {
  it("a PLUS member attends a PLUS-only webinar; a BASIC member is told the kits it is for", () => {
    expect(can(member, "webinar.attend", attending(plusOnly, viewer())).allowed).toBe(true);
    expect(can(member, "webinar.attend", attending(plusOnly, viewer({ kits: ["BASIC"] })))).toEqual({
      allowed: false,
      reason: "access:reasons.webinarNotInKit",
      values: { kit: "BASIC", kits: "PLUS" },
    });
  });

  it("an ended enrolment refuses with the enrolment's own reason, not a generic one", () => {
    const ended = { allowed: false as const, reason: "access:reasons.ended", values: { date: "3 marzo 2026", kit: "PLUS" } };
    expect(can(member, "webinar.attend", attending(plusOnly, viewer({ webinars: ended, kits: [] })))).toEqual(ended);
  });

  it("a public webinar needs only an account, even without an organization or enrolment", () => {
    const open = attending({ ...other, audience: "PUBLIC" }, viewer({ webinars: { allowed: false, reason: "x" }, kits: [], organizationIds: [] }));
    expect(can(actor({ organizationId: null }), "webinar.attend", open).allowed).toBe(true);
    expect(can(null, "webinar.attend", open).allowed).toBe(false);
  });

  it("an invitation to a union covers its municipalities; other organizations are refused", () => {
    const invited = { ...other, audience: "ORGANIZATIONS" as const, audienceOrganizationIds: ["union"] };
    expect(can(member, "webinar.attend", attending(invited, viewer())).allowed).toBe(true);
    expect(can(member, "webinar.attend", attending(invited, viewer({ organizationIds: ["elsewhere"] }))).allowed).toBe(false);
  });

  it("drafts, cancelled and ended webinars take no attendees, but their speakers still get in", () => {
    for (const status of ["DRAFT", "CANCELLED", "ENDED"] as const) {
      expect(can(member, "webinar.attend", attending({ ...plusOnly, status }, viewer())).allowed).toBe(false);
      expect(can(speaker, "webinar.attend", attending({ ...plusOnly, status }, viewer({ kits: [] }))).allowed).toBe(true);
    }
  });
});

describe("per-webinar powers", () => {
  it("a speaker speaks on their webinar only, and does not host or answer support there", () => {
    expect(can(speaker, "webinar.speak", plusOnly).allowed).toBe(true);
    expect(can(speaker, "webinar.speak", other).allowed).toBe(false);
    expect(can(speaker, "webinar.host", plusOnly).allowed).toBe(false);
    expect(can(speaker, "webinar.support", plusOnly).allowed).toBe(false);
  });

  it("support staff answer assistance requests without publishing; a host does both", () => {
    const withSupport = { ...other, roles: [{ userId: "m", role: "SUPPORT" as const }] };
    expect(can(member, "webinar.support", withSupport).allowed).toBe(true);
    expect(can(member, "webinar.speak", withSupport).allowed).toBe(false);
    const hosted = { ...other, roles: [{ userId: "m", role: "HOST" as const }] };
    expect(["webinar.host", "webinar.speak", "webinar.support"].every((action) => can(member, action as "webinar.host", hosted).allowed)).toBe(true);
    expect(can(member, "webinar.edit", hosted).allowed).toBe(false);
  });

  it("tutors run and edit every webinar; members schedule none", () => {
    expect(can(tutor, "webinar.host", other).allowed && can(tutor, "webinar.edit", other).allowed).toBe(true);
    expect(can(tutor, "webinars.schedule").allowed).toBe(true);
    expect(can(member, "webinars.schedule").allowed).toBe(false);
  });
});

describe("an online lab session's room", () => {
  // Whatever its audience columns say (even PUBLIC, even the viewer's own kit), a lab webinar admits
  // the lab's people only.
  const labRoom: WebinarItem = { ...other, audience: "PUBLIC", labId: "lab1" };

  it("admits a member of the lab and refuses, as 'not invited', a PLUS member outside it", () => {
    expect(can(member, "webinar.attend", attending(labRoom, viewer({ labIds: ["lab1"] }))).allowed).toBe(true);
    expect(can(member, "webinar.attend", attending(labRoom, viewer({ labIds: ["lab2"] })))).toEqual({ allowed: false, reason: "access:reasons.webinarNotInvited" });
    expect(can(member, "webinar.archive", attending({ ...labRoom, status: "ENDED" }, viewer())).allowed).toBe(false);
  });

  it("refuses visitors and lets the lab's tutor (host) and staff in", () => {
    expect(can(null, "webinar.attend", attending(labRoom, viewer({ labIds: ["lab1"] }))).allowed).toBe(false);
    const hosted = { ...labRoom, roles: [{ userId: "m", role: "HOST" as const }] };
    expect(can(member, "webinar.host", hosted).allowed && can(member, "webinar.attend", attending(hosted, viewer())).allowed).toBe(true);
    expect(can(tutor, "webinar.attend", attending(labRoom, viewer({ labIds: [] }))).allowed).toBe(true);
  });
});
