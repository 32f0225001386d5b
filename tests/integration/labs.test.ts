// Community Building labs as their people meet them: an admin creates a lab (and its discussion
// category), a tutor builds the cohort from organizations whose kit includes the lab, people of
// those organizations see it and join; everyone else sees nothing of it: not the page, not the list,
// not its forum category, not its posts in search.
import { db } from "~/lib/db.server.ts";
import { searchTextOf } from "~/modules/community/stemmer.ts";
import { labIdsOf, labOrganizationIdsForTutor } from "~/modules/labs/access.server.ts";
import { loader as categoryLoader } from "~/routes/community.c.$categoryId.tsx";
import { loader as communityLoader } from "~/routes/community._index.tsx";
import { loader as searchLoader } from "~/routes/community.search.tsx";
import { action as labAction, loader as labLoader } from "~/routes/labs.$id._index.tsx";
import { loader as listLoader } from "~/routes/labs._index.tsx";
import { action as newAction } from "~/routes/labs.new.tsx";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { person } from "./community-helpers.ts";

const DAY = 24 * 3600 * 1000;
type Person = Awaited<ReturnType<typeof person>>;

async function enrolled(name: string, kit: "BASIC" | "INTERMEDIATE" | "PLUS", data: { parentId?: string; endsAt?: Date } = {}) {
  const organization = await db.organization.create({ data: { name, kind: data.parentId ? "MUNICIPALITY" : "UNION", parentId: data.parentId } });
  if (kit) await db.enrolment.create({ data: { organizationId: organization.id, kit, status: "ACTIVE", startsAt: new Date(Date.now() - 30 * DAY), endsAt: data.endsAt ?? new Date(Date.now() + 100 * DAY), seats: 20 } });
  return organization;
}

let admin: Person, tutor: Person, otherTutor: Person;
let dossoMember: Person, albaMember: Person, outsider: Person, basicMember: Person, expiredMember: Person;
let dosso: { id: string }, union: { id: string }, basicOrg: { id: string }, expiredOrg: { id: string };
let labId: string;

const page = (who: Person, id = labId) => call(labLoader, getRequest(`/labs/${id}`, { cookie: who.cookie }), { id });
const post = (who: Person, fields: Record<string, string>, id = labId) => call(labAction, formRequest(`/labs/${id}`, fields, { cookie: who.cookie }), { id });
async function listed(who: Person) {
  const response = await call(listLoader, getRequest("/labs", { cookie: who.cookie }));
  return ((await response.json()).labs as { title: string }[]).map((lab) => lab.title);
}

beforeAll(async () => {
  dosso = await db.organization.create({ data: { name: "Comune di Dosso (test)", kind: "MUNICIPALITY" } });
  await db.enrolment.create({ data: { organizationId: dosso.id, kit: "INTERMEDIATE", status: "ACTIVE", startsAt: new Date(Date.now() - 30 * DAY), endsAt: new Date(Date.now() + 100 * DAY), seats: 20 } });
  union = await enrolled("Unione (test)", "PLUS");
  const alba = await db.organization.create({ data: { name: "Comune di Alba (test)", kind: "MUNICIPALITY", parentId: union.id } });
  basicOrg = await enrolled("Comune base (test)", "BASIC");
  expiredOrg = await enrolled("Comune scaduto (test)", "INTERMEDIATE", { endsAt: new Date(Date.now() - DAY) });
  const otherPlus = await enrolled("Comune fuori dal laboratorio (test)", "PLUS");
  admin = await person({ role: "ADMIN" });
  tutor = await person({ role: "TUTOR", name: "Tutor del laboratorio" });
  otherTutor = await person({ role: "TUTOR", name: "Altro tutor" });
  dossoMember = await person({ organizationId: dosso.id, name: "Giulia di Dosso" });
  albaMember = await person({ organizationId: alba.id, name: "Luca di Alba" });
  outsider = await person({ organizationId: otherPlus.id, name: "Persona di un altro comune" });
  basicMember = await person({ organizationId: basicOrg.id });
  expiredMember = await person({ organizationId: expiredOrg.id });
});

describe("an admin creates a lab and a tutor builds its cohort", () => {
  it("refuses an empty form with 400 and keeps the values", async () => {
    const response = await call(newAction, formRequest("/labs/new", { title: "Lab", startDay: "2026-12-10", endDay: "2026-12-01" }, { cookie: admin.cookie }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.fieldErrors.endDay).toEqual(["labs:validation.endBeforeStart"]);
    expect(body.values.title).toBe("Lab");
  });

  it("creates the lab with its LAB discussion category, audited", async () => {
    const response = await call(newAction, formRequest("/labs/new", { title: "Laboratorio Valle", description: "Per **tutti**", startDay: "2026-11-01", endDay: "2027-04-30", quietAfterDays: "14" }, { cookie: admin.cookie }));
    expect(response.status).toBe(302);
    const lab = await db.lab.findFirstOrThrow({ where: { title: "Laboratorio Valle" } });
    labId = lab.id;
    expect(response.headers.get("Location")).toBe(`/labs/${labId}`);
    const category = await db.communityCategory.findUniqueOrThrow({ where: { id: lab.categoryId! } });
    expect(category).toMatchObject({ visibility: "LAB", labId, name: "Laboratorio Valle" });
    expect(await db.auditLog.count({ where: { action: "lab.create", targetId: labId } })).toBe(1);
  });

  it("lets only admins name its tutors; a tutor of the lab adds organizations whose kit includes the lab", async () => {
    expect((await post(tutor, { intent: "addTutor", userId: tutor.id })).status).toBe(403);
    expect((await post(admin, { intent: "addTutor", userId: dossoMember.id })).status).toBe(400);
    expect((await post(admin, { intent: "addTutor", userId: tutor.id })).status).toBe(302);
    // a BASIC organization and one whose enrolment ended are refused with the reason on the field
    for (const organizationId of [basicOrg.id, expiredOrg.id]) {
      const refused = await post(tutor, { intent: "addOrganization", organizationId });
      expect(refused.status).toBe(400);
      expect((await refused.json()).fieldErrors.organizationId).toEqual(["labs:errors.organizationNotEligible"]);
    }
    expect((await post(tutor, { intent: "addOrganization", organizationId: dosso.id })).status).toBe(302);
    expect((await post(tutor, { intent: "addOrganization", organizationId: union.id })).status).toBe(302);
    // another tutor sees the lab (staff) but does not manage it
    expect((await page(otherTutor)).status).toBe(200);
    expect((await post(otherTutor, { intent: "addMember", userId: albaMember.id })).status).toBe(403);
    expect(await labOrganizationIdsForTutor(tutor.id)).toEqual(expect.arrayContaining([dosso.id, union.id]));
    expect(await labOrganizationIdsForTutor(otherTutor.id)).toEqual([]);
  });
});

describe("who sees the lab and who may join", () => {
  it("shows it to people of the cohort (a union's municipality included), with the join button", async () => {
    for (const who of [dossoMember, albaMember]) {
      expect(await listed(who)).toEqual(["Laboratorio Valle"]);
      const response = await page(who);
      expect(response.status).toBe(200);
      expect((await response.json()).may).toMatchObject({ join: true, manage: false, edit: false });
    }
  });

  it("shows nothing to a member of another organization, a BASIC member or one whose enrolment ended: 404 and an empty list", async () => {
    for (const who of [outsider, basicMember, expiredMember]) {
      expect(await listed(who)).toEqual([]);
      expect((await page(who)).status).toBe(404);
      expect((await post(who, { intent: "join" })).status).toBe(404);
    }
    expect((await page(outsider, "no-such-lab")).status).toBe(404);
  });

  it("lets a cohort member join by themselves, and a tutor add a colleague; only people of the cohort", async () => {
    expect((await post(dossoMember, { intent: "join" })).status).toBe(302);
    expect((await post(dossoMember, { intent: "join" })).status).toBe(403);
    const refused = await post(tutor, { intent: "addMember", userId: outsider.id });
    expect(refused.status).toBe(400);
    expect((await post(tutor, { intent: "addMember", userId: albaMember.id })).status).toBe(302);
    const data = await (await page(tutor)).json();
    expect(data.lab.members.map((m: { name: string }) => m.name).sort()).toEqual(["Giulia di Dosso", "Luca di Alba"]);
    expect(await db.auditLog.count({ where: { targetId: labId, action: { in: ["lab.join", "lab.member_add"] } } })).toBe(2);
    expect(await labIdsOf(dossoMember.id)).toEqual([labId]);
    expect(await labIdsOf(tutor.id)).toEqual([labId]);
    expect(await labIdsOf(outsider.id)).toEqual([]);
  });

  it("a closed lab takes no one new", async () => {
    await db.lab.update({ where: { id: labId }, data: { status: "CLOSED" } });
    const late = await person({ organizationId: dosso.id });
    const response = await post(late, { intent: "join" });
    expect(response.status).toBe(403);
    expect((await response.json()).reason).toBe("labs:errors.closed");
    await db.lab.update({ where: { id: labId }, data: { status: "OPEN" } });
  });
});

describe("the lab's discussion is the lab's only", () => {
  let categoryId: string;
  beforeAll(async () => {
    categoryId = (await db.lab.findUniqueOrThrow({ where: { id: labId } })).categoryId!;
    const topic = await db.communityTopic.create({ data: { categoryId, title: "Mappa degli stakeholder", authorId: tutor.id, postCount: 1 } });
    await db.communityPost.create({ data: { topicId: topic.id, postNumber: 1, authorId: tutor.id, body: "Consegnate la mappa degli stakeholder del vostro comune.", searchText: searchTextOf("Mappa degli stakeholder\nConsegnate la mappa degli stakeholder del vostro comune.") } });
    const open = await db.communityCategory.create({ data: { name: "Generale", visibility: "COMMUNITY" } });
    const topic2 = await db.communityTopic.create({ data: { categoryId: open.id, title: "Stakeholder in generale", authorId: tutor.id, postCount: 1 } });
    await db.communityPost.create({ data: { topicId: topic2.id, postNumber: 1, authorId: tutor.id, body: "Stakeholder per tutta la comunità.", searchText: searchTextOf("Stakeholder in generale\nStakeholder per tutta la comunità.") } });
  });

  const categoryPage = (who: Person) => call(categoryLoader, getRequest(`/community/c/${categoryId}`, { cookie: who.cookie }), { categoryId });
  async function searchTitles(who: Person) {
    const response = await call(searchLoader, getRequest("/community/search?q=stakeholder", { cookie: who.cookie }));
    if (response.status !== 200) return response.status;
    return ((await response.json()).hits as { topicTitle: string }[]).map((h) => h.topicTitle).sort();
  }

  it("opens to its members, PLUS and INTERMEDIATE alike (the INTERMEDIATE kit has no community but has the lab's discussion)", async () => {
    expect((await categoryPage(albaMember)).status).toBe(200);
    expect((await categoryPage(dossoMember)).status).toBe(200);
    expect(await searchTitles(albaMember)).toEqual(["Mappa degli stakeholder", "Stakeholder in generale"]);
    // the INTERMEDIATE member finds the lab's post, not the community's
    expect(await searchTitles(dossoMember)).toEqual(["Mappa degli stakeholder"]);
    const home = await (await call(communityLoader, getRequest("/community", { cookie: dossoMember.cookie }))).json();
    expect(home.categories.map((c: { name: string }) => c.name)).toEqual(["Laboratorio Valle"]);
  });

  it("is a 404 for a PLUS member outside the lab, whose search does not find its posts", async () => {
    expect((await categoryPage(outsider)).status).toBe(404);
    expect(await searchTitles(outsider)).toEqual(["Stakeholder in generale"]);
  });

  it("closes when the member leaves", async () => {
    expect((await post(dossoMember, { intent: "leave" })).status).toBe(302);
    expect((await categoryPage(dossoMember)).status).toBe(403);
    expect(await labIdsOf(dossoMember.id)).toEqual([]);
  });
});
