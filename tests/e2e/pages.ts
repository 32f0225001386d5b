// Every page of the app, who can see it and how to reach its error states: the list the page walk
// (walk.test.ts) visits as each demo account, in Italian and in English. A new route joins here.
import type { Page } from "playwright-core";
import { ROOM_WEBINAR_SLUG } from "./webinar-fixtures.ts";

/** The demo accounts of prisma/seed.ts plus a signed-out visitor. */
export const WALKERS = {
  visitor: null,
  admin: "admin@coop.example",
  tutor: "tutor@coop.example",
  manager: "manager.plus@coop.example",
  memberPlus: "member.plus@coop.example",
  memberBasic: "member.basic@coop.example",
} as const;
export type Walker = keyof typeof WALKERS;

/** IDs of demo rows, looked up in the app's database before the walk. */
export type DemoIds = { unionId: string; municipalityId: string; enrolmentId: string; memberUserId: string; surveyId: string; filesFolderId: string; labId: string; labSessionId: string; labActivityId: string };

export type WalkPage = {
  /** What the page is, for failure messages. */
  name: string;
  path: string | ((ids: DemoIds) => string);
  /** The accounts that see this page (each walks it in Italian and English). */
  as: readonly Walker[];
  /** Expected HTTP status of the first load (200 by default; error pages 403/404). */
  status?: number;
  /** A failed form submission to check as well: fills and submits, the page after it is checked too. */
  submit?: (page: Page) => Promise<void>;
};

const staff = ["admin", "tutor"] as const;
const members = ["manager", "memberPlus", "memberBasic"] as const;
const everyone = ["visitor", "admin", "tutor", "manager", "memberPlus", "memberBasic"] as const;
const signedIn = ["admin", "tutor", "manager", "memberPlus", "memberBasic"] as const;

async function submitForm(page: Page, fields: Record<string, string>) {
  const form = page.locator(`main form:has([name="${Object.keys(fields)[0]}"])`).first();
  for (const [name, value] of Object.entries(fields)) await form.locator(`[name="${name}"]`).fill(value);
  await form.locator('[type="submit"]').first().click();
  // The form comes back with its error summary (client-side navigation): wait for it.
  await page.locator('.alert-danger, [role="alert"]').first().waitFor({ timeout: 10_000 });
}

const tooLongEmail = `${"a".repeat(300)}@example.it`;

export const WALK_PAGES: WalkPage[] = [
  { name: "home", path: "/", as: everyone },
  { name: "accessibility statement", path: "/accessibility", as: ["visitor", "memberBasic"] },
  { name: "privacy notice", path: "/privacy", as: ["visitor", "memberBasic"] },
  { name: "legal notes", path: "/legal", as: ["visitor", "memberBasic"] },
  { name: "feedback", path: "/feedback", as: ["visitor", "memberPlus"] },
  { name: "sign-in", path: "/login", as: ["visitor"] },
  {
    name: "sign-in after a wrong password",
    path: "/login",
    as: ["visitor"],
    submit: (page) => submitForm(page, { email: "admin@coop.example", password: "not-the-password" }),
  },
  { name: "forgotten password", path: "/forgot-password", as: ["visitor"] },
  {
    name: "forgotten password with a too-long address",
    path: "/forgot-password",
    as: ["visitor"],
    submit: (page) => submitForm(page, { email: tooLongEmail }),
  },
  { name: "reset link no longer valid", path: "/reset-password/not-a-real-token", as: ["visitor"], status: 410 },
  { name: "invitation not valid", path: "/invitations/not-a-real-token", as: ["visitor"], status: 404 },
  { name: "page not found", path: "/no-such-page", as: ["visitor", "memberBasic"], status: 404 },
  { name: "administration refused to a member", path: "/admin", as: ["memberPlus"], status: 403 },
  { name: "account", path: "/account", as: signedIn },
  { name: "change password", path: "/account/password", as: ["memberPlus"] },
  { name: "active sessions", path: "/account/sessions", as: ["memberPlus"] },
  { name: "pathway", path: "/pathway", as: [...members, "tutor"] },
  { name: "my organization", path: "/organization", as: ["manager"] },
  { name: "invite colleagues from CSV", path: "/organization/import", as: ["manager"] },
  { name: "administration", path: "/admin", as: staff },
  { name: "users", path: "/admin/users", as: ["admin"] },
  { name: "invite a user", path: "/admin/users/new", as: ["admin"] },
  {
    name: "invite a user with a too-long address",
    path: "/admin/users/new",
    as: ["admin"],
    submit: (page) => submitForm(page, { name: "Prova Lunga", email: tooLongEmail }),
  },
  { name: "a user", path: (ids) => `/admin/users/${ids.memberUserId}`, as: ["admin"] },
  { name: "audit log", path: "/admin/audit", as: ["admin"] },
  { name: "organizations", path: "/admin/organizations", as: staff },
  { name: "new organization", path: "/admin/organizations/new", as: ["admin"] },
  { name: "import organizations", path: "/admin/organizations/import", as: ["admin"] },
  { name: "an organization", path: (ids) => `/admin/organizations/${ids.unionId}`, as: staff },
  { name: "edit an organization", path: (ids) => `/admin/organizations/${ids.municipalityId}/edit`, as: ["admin"] },
  { name: "delete an organization", path: (ids) => `/admin/organizations/${ids.municipalityId}/delete`, as: ["admin"] },
  { name: "enrolments", path: "/admin/enrolments", as: staff },
  { name: "new enrolment", path: "/admin/enrolments/new", as: ["admin"] },
  { name: "an enrolment", path: (ids) => `/admin/enrolments/${ids.enrolmentId}`, as: staff },
  { name: "edit an enrolment", path: (ids) => `/admin/enrolments/${ids.enrolmentId}/edit`, as: ["admin"] },
  { name: "upgrade an enrolment", path: (ids) => `/admin/enrolments/${ids.enrolmentId}/upgrade`, as: ["admin"] },
  { name: "cancel an enrolment", path: (ids) => `/admin/enrolments/${ids.enrolmentId}/cancel`, as: ["admin"] },
  { name: "invitations", path: "/admin/invitations", as: ["admin"] },
  { name: "invite from CSV", path: "/admin/invitations/import", as: ["admin"] },
  { name: "feedback received", path: "/admin/feedback", as: ["admin"] },
  { name: "service notice", path: "/admin/service-notice", as: ["admin"] },
  // ---- webinars ----
  { name: "webinar catalogue", path: "/webinars", as: everyone },
  { name: "webinar catalogue filtered", path: "/webinars?kit=PLUS&month=2026-12", as: everyone },
  { name: "a public webinar", path: "/webinars/demo-open-data-per-tutti", as: everyone },
  { name: "a PLUS-only webinar (BASIC sees the reason)", path: "/webinars/demo-partecipazione-plus", as: everyone },
  { name: "a full webinar with a waitlist", path: "/webinars/demo-sito-comunale-tutti-i-kit", as: everyone },
  { name: "an ended webinar", path: "/webinars/demo-trasparenza-amministrativa", as: everyone },
  { name: "a webinar that does not exist", path: "/webinars/non-esiste", as: ["visitor", "memberPlus"], status: 404 },
  { name: "schedule a webinar", path: "/webinars/new", as: staff },
  {
    name: "schedule a webinar at a time the clocks skip",
    path: "/webinars/new",
    as: ["tutor"],
    submit: (page) => submitForm(page, { title: "Cambio d'ora", description: "Prova", day: "2026-03-29", time: "02:30" }),
  },
  { name: "manage a webinar", path: "/webinars/demo-partecipazione-plus/edit", as: staff },
  { name: "personal calendar", path: "/account/calendar", as: signedIn },
  // ---- webinar live room: a public webinar the walk inserts (tests/e2e/webinar-fixtures.ts), LiveKit not configured ----
  { name: "webinar room", path: `/webinars/${ROOM_WEBINAR_SLUG}/room`, as: ["admin", "memberPlus", "memberBasic"] },
  { name: "webinar device check", path: `/webinars/${ROOM_WEBINAR_SLUG}/check`, as: ["tutor", "memberBasic"] },
  { name: "webinar room that does not exist", path: "/webinars/no-such-webinar/room", as: ["memberPlus"], status: 404 },
  // ---- webinar live page (chat, Q&A, polls, assistance) on the seeded live and ended webinars ----
  { name: "live chat and Q&A of the webinar on air", path: "/webinars/demo-diretta-servizi-digitali/live", as: ["tutor", "admin", "memberPlus"] },
  { name: "live page of a webinar outside my kit", path: "/webinars/demo-diretta-servizi-digitali/live", as: ["memberBasic"], status: 403 },
  { name: "archive of an ended webinar's chat and Q&A", path: "/webinars/demo-trasparenza-amministrativa/live", as: ["tutor", "memberPlus"] },
  // ---- surveys ----
  { name: "my surveys", path: "/surveys", as: members },
  { name: "answer the training-needs analysis", path: (ids) => `/surveys/${ids.surveyId}`, as: ["manager", "memberPlus"] },
  { name: "a survey outside my kit", path: (ids) => `/surveys/${ids.surveyId}`, as: ["memberBasic"], status: 403 },
  { name: "manage surveys", path: "/surveys/manage", as: staff },
  { name: "survey builder", path: (ids) => `/surveys/manage/${ids.surveyId}`, as: staff },
  { name: "survey preview", path: (ids) => `/surveys/manage/${ids.surveyId}/preview`, as: staff },
  { name: "survey results", path: (ids) => `/surveys/manage/${ids.surveyId}/results`, as: staff },
  // ---- recordings, certificates, training ledger (issue 10) ----
  { name: "my training hours", path: "/account/training", as: signedIn },
  { name: "organization training hours", path: "/organization/training", as: ["manager"] },
  { name: "everyone's training hours", path: "/admin/training", as: ["admin"] },
  { name: "certificate verification, unknown code", path: "/verify/AAAA-BBBB-CCCC", as: ["visitor"], status: 404 },
  // ---- community (issue 11): PLUS members and staff; topic pages need ids the walk does not load yet
  { name: "community", path: "/community", as: ["admin", "tutor", "manager", "memberPlus"] },
  { name: "community refused to a BASIC member", path: "/community", as: ["memberBasic"], status: 403 },
  { name: "community search", path: "/community/search?q=piano+triennale", as: ["tutor", "memberPlus"] },
  { name: "community notifications", path: "/community/notifications", as: ["tutor", "memberPlus"] },
  { name: "community categories", path: "/community/categories", as: ["admin"] },
  { name: "community flags to review", path: "/community/review", as: staff },
  // ---- community file area (issue 11): the same people; admins add folders and restore files
  { name: "files", path: "/files", as: ["admin", "tutor", "manager", "memberPlus"] },
  { name: "files refused to a BASIC member", path: "/files", as: ["memberBasic"], status: 403 },
  { name: "files folder", path: (ids) => `/files/${ids.filesFolderId}`, as: ["admin", "memberPlus"] },
  {
    // (on the folder page: a failed post to the index route /files moves to /files?index)
    name: "files folder: new subfolder without a name",
    path: (ids) => `/files/${ids.filesFolderId}`,
    as: ["admin"],
    submit: (page) => submitForm(page, { name: "" }),
  },
  { name: "deleted files", path: "/files/deleted", as: ["admin"] },
  { name: "files folder: edit", path: (ids) => `/files/${ids.filesFolderId}/edit`, as: ["admin", "tutor"] },
  { name: "files folder: edit refused to a member", path: (ids) => `/files/${ids.filesFolderId}/edit`, as: ["memberPlus"], status: 403 },
  {
    name: "files folder: edit without a name",
    path: (ids) => `/files/${ids.filesFolderId}/edit`,
    as: ["tutor"],
    submit: (page) => submitForm(page, { name: "" }),
  },
  {
    // the demo folder holds a subfolder: deleting it is refused with what is left
    name: "files folder: delete refused while it holds files",
    path: (ids) => `/files/${ids.filesFolderId}/edit`,
    as: ["admin"],
    submit: async (page) => {
      await page.locator('main form:has([name="intent"][value="delete"]) [type="submit"]').click();
      await page.locator('[role="alert"]').first().waitFor({ timeout: 10_000 });
    },
  },
  // ---- labs (issue 14): the demo lab (Dosso and the union; member.plus is a member, the tutor leads it) ----
  { name: "labs", path: "/labs", as: signedIn },
  { name: "new lab", path: "/labs/new", as: ["admin"], submit: (page) => submitForm(page, { title: "Laboratorio di prova" }) },
  { name: "a lab", path: (ids) => `/labs/${ids.labId}`, as: ["admin", "tutor", "manager", "memberPlus"] },
  { name: "a lab outside my organization", path: (ids) => `/labs/${ids.labId}`, as: ["memberBasic"], status: 404 },
  { name: "edit a lab", path: (ids) => `/labs/${ids.labId}/edit`, as: ["admin"] },
  { name: "a lab activity and its submissions", path: (ids) => `/labs/${ids.labId}/activities/${ids.labActivityId}`, as: ["tutor", "memberPlus"] },
  { name: "new lab activity", path: (ids) => `/labs/${ids.labId}/activities/new`, as: ["tutor"], submit: (page) => submitForm(page, { title: "Attività di prova" }) },
  { name: "quiet members of a lab", path: (ids) => `/labs/${ids.labId}/quiet`, as: ["tutor", "admin"] },
  { name: "quiet members, refused to a member", path: (ids) => `/labs/${ids.labId}/quiet`, as: ["memberPlus"], status: 403 },
  { name: "a lab session and its register", path: (ids) => `/labs/${ids.labId}/sessions/${ids.labSessionId}`, as: ["tutor", "memberPlus"] },
  // the demo lab's online session runs in a room only the lab's people (and staff) enter; 404 for anyone else
  { name: "a lab's webinar room", path: "/webinars/facilitare-una-comunita-online/room", as: ["tutor", "memberPlus"] },
  { name: "a lab's webinar room, outside the lab", path: "/webinars/facilitare-una-comunita-online/room", as: ["memberBasic", "manager"], status: 404 },
  { name: "a lab's webinar page", path: "/webinars/facilitare-una-comunita-online", as: ["memberPlus", "tutor"] },
  { name: "a lab's webinar page, outside the lab", path: "/webinars/facilitare-una-comunita-online", as: ["visitor", "memberBasic", "manager"], status: 404 },
  { name: "edit a lab session", path: (ids) => `/labs/${ids.labId}/sessions/${ids.labSessionId}/edit`, as: ["tutor", "admin"] },
  { name: "edit a lab session, refused to a member", path: (ids) => `/labs/${ids.labId}/sessions/${ids.labSessionId}/edit`, as: ["memberPlus"], status: 403 },
  {
    name: "new lab session",
    path: (ids) => `/labs/${ids.labId}/sessions/new`,
    as: ["tutor"],
    submit: (page) => submitForm(page, { title: "Incontro di prova" }),
  },
  // ---- blog ----
  { name: "blog", path: "/blog", as: everyone },
  { name: "blog search", path: "/blog?q=dati", as: ["visitor", "memberPlus"] },
  { name: "a blog post", path: "/blog/open-data-nei-piccoli-comuni", as: everyone },
  { name: "a blog tag", path: "/blog/tag/open-data", as: ["visitor", "tutor"] },
  { name: "a draft (not public)", path: "/blog/bozza-linee-guida-cloud", as: ["visitor", "tutor"], status: 404 },
  {
    name: "newsletter subscription",
    path: "/blog/newsletter",
    as: ["visitor", "memberBasic"],
    submit: (page) => submitForm(page, { email: "non-un-indirizzo" }),
  },
  { name: "blog management", path: "/blog/manage", as: staff },
  { name: "new blog post", path: "/blog/manage/new", as: staff },
  { name: "blog images", path: "/blog/manage/images", as: staff },
  { name: "newsletter management", path: "/blog/manage/newsletter", as: staff },
  // ---- pathways and Open Badges (docs/decisions/0020) ----
  { name: "badges (pathways)", path: "/admin/pathways", as: staff, submit: (page) => submitForm(page, { title: "Badge di prova" }) },
  { name: "badge verification, unknown id", path: "/badges/assertions/AAAAAAAAAAAAAAAAAAAAAA/view", as: ["visitor"], status: 404 },
  // Monitoring (issue 14): each in their scope; members are refused.
  { name: "monitoring dashboards", path: "/monitoring", as: ["admin", "tutor", "manager"] },
  { name: "monitoring, last 12 months, PLUS", path: "/monitoring?preset=last12&kit=PLUS", as: ["admin"] },
  { name: "monitoring refused to members", path: "/monitoring", as: ["memberPlus"], status: 403 },
  { name: "monitoring with a bad period", path: "/monitoring?from=2026-05-01&to=2026-04-01", as: ["admin"], status: 400 },
  // ---- one digest, one calendar (issue 14) ----
  // (the calendar page, /account/calendar, is walked above as "personal calendar")
  { name: "my email digest", path: "/account/digest", as: signedIn },
  { name: "digest unsubscribe, unknown link", path: "/digest/unsubscribe/unknownToken000000000000", as: ["visitor"], status: 404 },
];
