// The built-in parts of the digest: webinars (registered, and open to the person by the policy),
// forum activity they follow, new blog posts, open surveys they may answer. What is shared by
// everyone of a run (the coming webinars, the open surveys, the new posts, who registered for what)
// is loaded once per run; what the policy needs about a person (their enrolments, their
// organization's lineage) once per organization and role. Then every item goes through the same
// rule as its page: `can(user, "webinar.attend", …)`, `can(user, "survey.answer", …)`, the
// community's visibility rule.
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { can, canUse, loadAccess } from "~/modules/access/policy.server.ts";
import type { SurveyViewer } from "~/modules/access/surveys.ts";
import { forumDigestItems, pendingDigestNotifications } from "~/modules/community/notifications.server.ts";
import { organizationLineage } from "~/modules/enrolment/coverage.server.ts";
import { labIdsOf } from "~/modules/labs/access.server.ts";
import { toWebinarItem, viewerFrom, webinarItemSelect, type WebinarItemRow } from "~/modules/webinars/access.server.ts";
import { surveyItemSelect, toSurveyItem } from "~/modules/surveys/access.server.ts";
import { registerDigestSection, type DigestRun, type DigestUser } from "./registry.server.ts";
// Labs register their sessions as a section (and a calendar source) of their own.
import "~/modules/labs/calendar.server.ts";

const DAY = 24 * 3600_000;
/** A survey closing within this many days is recalled even if it was announced before. */
const SURVEY_CLOSING_SOON_MS = 3 * DAY;
const MAX_ENTRIES = 20;

const base = () => env().APP_URL.replace(/\/$/, "");

/** What the policy needs about a person who is not the requester: their access context and lineage. */
export async function accessOfPerson(user: Pick<DigestUser, "id" | "role" | "organizationId" | "isOrganizationManager" | "locale">, now: Date) {
  const access = await loadAccess(user, now);
  return {
    access,
    kits: [...new Set(access.enrolments.map((enrolment) => enrolment.kit))],
    organizationIds: user.organizationId ? await organizationLineage(user.organizationId) : [],
  };
}

/** The same, loaded once per organization and role in a run (it depends on nothing else). */
function viewerOf(user: DigestUser, run: DigestRun) {
  return run.once(`viewer:${user.role}:${user.organizationId ?? "-"}`, () => accessOfPerson(user, run.now));
}

/** May this person attend the webinar? The rule of the webinar's page ("webinar.attend"). */
export function mayAttendWebinar(user: DigestUser | Parameters<typeof accessOfPerson>[0], row: WebinarItemRow, person: Awaited<ReturnType<typeof accessOfPerson>>) {
  const item = { ...toWebinarItem(row), viewer: viewerFrom(person.access, person.organizationIds) };
  return can(user, "webinar.attend", item).allowed;
}

// ---- webinars ------------------------------------------------------------------------------------------

export const webinarSelect = { ...webinarItemSelect, slug: true, title: true, startsAt: true } as const;

function comingWebinars(run: DigestRun) {
  return run.once("webinars", async () => {
    const rows = await db.webinar.findMany({
      // Lab rooms are left out: the lab's own section lists the session (once, with its lab's name).
      where: { status: { in: ["SCHEDULED", "LIVE"] }, startsAt: { gte: run.now, lt: run.until }, labId: null },
      select: webinarSelect,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take: 200,
    });
    const registrations = await db.webinarRegistration.findMany({ where: { webinarId: { in: rows.map((r) => r.id) }, status: "REGISTERED" }, select: { webinarId: true, userId: true } });
    const registered = new Map<string, Set<string>>();
    for (const r of registrations) registered.set(r.userId, (registered.get(r.userId) ?? new Set()).add(r.webinarId));
    return { rows, registered };
  });
}

const webinarEntry = (row: { slug: string; title: string; startsAt: Date }) => ({ title: row.title, url: `${base()}/webinars/${row.slug}`, startsAt: row.startsAt });

registerDigestSection({
  key: "webinars.registered",
  heading: { it: "I tuoi prossimi webinar", en: "Your coming webinars" },
  async collect(user, run) {
    const { rows, registered } = await comingWebinars(run);
    const mine = registered.get(user.id);
    return { entries: mine ? rows.filter((row) => mine.has(row.id)).slice(0, MAX_ENTRIES).map(webinarEntry) : [] };
  },
});

registerDigestSection({
  key: "webinars.open",
  heading: { it: "Webinar a cui puoi iscriverti", en: "Webinars you may join" },
  async collect(user, run) {
    const { rows, registered } = await comingWebinars(run);
    const mine = registered.get(user.id);
    const person = await viewerOf(user, run);
    const open = rows.filter((row) => !mine?.has(row.id) && mayAttendWebinar(user, row, person));
    return { entries: open.slice(0, MAX_ENTRIES).map(webinarEntry) };
  },
});

// ---- forum -----------------------------------------------------------------------------------------------

registerDigestSection({
  key: "forum",
  heading: { it: "Nella comunità", en: "In the community" },
  async collect(user, run) {
    const pending = (await run.once("forum", pendingDigestNotifications)).get(user.id) ?? [];
    if (!pending.length) return { entries: [] };
    const { items, onSent } = await forumDigestItems({ ...user, disabledAt: null }, pending, run.now);
    const words = user.locale === "en" ? FORUM_EN : FORUM_IT;
    return { entries: items.map((item) => ({ title: item.topicTitle, url: item.url, detail: words[item.kind](item.actorName) })), onSent };
  },
});

const FORUM_IT = { mention: (name: string) => `${name} ti ha menzionato`, reply: (name: string) => `${name} ha risposto`, topic: (name: string) => `nuova discussione di ${name}` };
const FORUM_EN: typeof FORUM_IT = { mention: (name) => `${name} mentioned you`, reply: (name) => `${name} replied`, topic: (name) => `new topic by ${name}` };

// ---- blog ------------------------------------------------------------------------------------------------

registerDigestSection({
  key: "blog",
  heading: { it: "Nuovi articoli del blog", en: "New blog posts" },
  async collect(_user, run) {
    const posts = await run.once("blog", () =>
      db.blogPost.findMany({
        where: { status: "PUBLISHED", publishedAt: { gte: run.since, lte: run.now } },
        select: { slug: true, title: true, excerpt: true },
        orderBy: { publishedAt: "desc" },
        take: 10,
      }),
    );
    return { entries: posts.map((post) => ({ title: post.title, url: `${base()}/blog/${post.slug}`, detail: post.excerpt || undefined })) };
  },
});

// ---- surveys ---------------------------------------------------------------------------------------------

registerDigestSection({
  key: "surveys",
  heading: { it: "Questionari da compilare", en: "Surveys waiting for you" },
  async collect(user, run) {
    const { rows, participation } = await run.once("surveys", async () => {
      const open = await db.survey.findMany({ where: { status: "OPEN" }, select: { ...surveyItemSelect, title: true, launchedAt: true }, orderBy: { launchedAt: "desc" }, take: 100 });
      const participations = await db.surveyParticipation.findMany({ where: { surveyId: { in: open.map((s) => s.id) } }, select: { surveyId: true, userId: true, status: true } });
      const byKey = new Map(participations.map((p) => [`${p.surveyId}:${p.userId}`, p.status]));
      return { rows: open, participation: byKey };
    });
    if (!rows.length) return { entries: [] };
    const { access, kits, organizationIds } = await viewerOf(user, run);
    // The person's labs only when a lab's survey is among the open ones (one query per person).
    const labIds = rows.some((row) => row.audience === "LAB") ? await labIdsOf(user.id, run.now) : [];
    const viewer: SurveyViewer = { surveys: canUse(access, "surveys"), kits, organizationIds, labIds, locale: user.locale, now: run.now };
    const entries = rows
      .filter((row) => {
        const status = participation.get(`${row.id}:${user.id}`);
        if (status === "SUBMITTED") return false;
        const fresh = (row.launchedAt && row.launchedAt >= run.since) || (row.closesAt && row.closesAt.getTime() - run.now.getTime() <= SURVEY_CLOSING_SOON_MS);
        if (!fresh) return false;
        const item = { ...toSurveyItem(row, status ? [user.id] : []), viewer };
        return can(user, "survey.answer", item).allowed;
      })
      .slice(0, MAX_ENTRIES)
      .map((row) => ({ title: row.title, url: `${base()}/surveys/${row.id}`, detail: undefined }));
    return { entries };
  },
});
