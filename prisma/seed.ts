// Demo data: an admin, a tutor, a union of municipalities with two member municipalities,
// one organization for each kit and members in each. Safe to run again (upserts by email/IPA code).
// The accounts are listed in README.md; they all share DEMO_PASSWORD.
import { db } from "../app/lib/db.server.ts";
import { hashPassword } from "../app/modules/auth/password.server.ts";
import { generateToken, hashToken } from "../app/modules/auth/tokens.server.ts";
import type { Kit, OrganizationKind, Role, StaffKind } from "../app/generated/sqlite/client.ts";
import { kitServices } from "../app/modules/kits/catalogue.ts";
import { seedWebinarLive } from "./seed/webinar-live.ts";
import { addMonthsToDay, romeDay, romeDayStart } from "../app/lib/dates.ts";
import { seedWebinars } from "./seed/webinars.ts";
import { seedSurveys } from "./seed/surveys.ts";
import { seedCommunity } from "./seed/community.ts";
import { seedBlog } from "./seed/blog.ts";
import { seedFiles } from "./seed/files.ts";
import { seedLabs } from "./seed/labs.ts";

export const DEMO_PASSWORD = "Demo-CO-OP-2026";

const MONTHS: Record<Kit, number> = { BASIC: 4, INTERMEDIATE: 6, PLUS: 9 };


async function organization(data: { ipaCode: string; name: string; kind: OrganizationKind; parentId?: string; province?: string; contactName: string; contactEmail: string }) {
  return db.organization.upsert({ where: { ipaCode: data.ipaCode }, create: data, update: data });
}

async function enrol(organizationId: string, kit: Kit, seats: number) {
  const existing = await db.enrolment.findFirst({ where: { organizationId, kit, status: "ACTIVE" } });
  if (existing) return existing;
  // Enrolment days begin at 00:00 in Rome, as the app stores them (see app/lib/dates.ts):
  // the first day of last month, Rome time.
  const startDay = addMonthsToDay(`${romeDay(new Date()).slice(0, 7)}-01`, -1);
  return db.enrolment.create({
    data: { organizationId, kit, seats, status: "ACTIVE", startsAt: romeDayStart(startDay), endsAt: romeDayStart(addMonthsToDay(startDay, MONTHS[kit])) },
  });
}

/** Micro-service rows for an enrolment: an address means ACTIVE, null means REQUESTED. Existing rows are kept. */
async function trackServices(enrolmentId: string, kit: Kit, states: Partial<Record<string, string | null>>) {
  for (const service of kitServices(kit)) {
    const url = states[service];
    const status = url ? "ACTIVE" : url === null ? "REQUESTED" : "NOT_REQUESTED";
    await db.enrolmentService.upsert({
      where: { enrolmentId_service: { enrolmentId, service } },
      create: { enrolmentId, service, status, url: url ?? null },
      update: {},
    });
  }
}

async function user(data: { email: string; name: string; role: Role; organizationId?: string; isOrganizationManager?: boolean; jobTitle?: string; staffKind?: StaffKind }, passwordHash: string) {
  return db.user.upsert({
    where: { email: data.email },
    create: { ...data, passwordHash },
    update: { ...data, passwordHash, disabledAt: null },
  });
}

export async function seed() {
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const union = await organization({ ipaCode: "demo_uvd", name: "Unione dei Comuni della Valle Demo", kind: "UNION", province: "TN", contactName: "Paola Ferri", contactEmail: "paola.ferri@unionevalledemo.example.it" });
  const alba = await organization({ ipaCode: "demo_alba", name: "Comune di Alba Demo", kind: "MUNICIPALITY", parentId: union.id, province: "TN", contactName: "Luca Neri", contactEmail: "segreteria@comunealbademo.example.it" });
  const borgo = await organization({ ipaCode: "demo_borgo", name: "Comune di Borgo Demo", kind: "MUNICIPALITY", parentId: union.id, province: "TN", contactName: "Sara Galli", contactEmail: "segreteria@comuneborgodemo.example.it" });
  const castello = await organization({ ipaCode: "demo_castello", name: "Comune di Castello Demo", kind: "MUNICIPALITY", province: "BL", contactName: "Marco Riva", contactEmail: "segreteria@comunecastellodemo.example.it" });
  const dosso = await organization({ ipaCode: "demo_dosso", name: "Comune di Dosso Demo", kind: "MUNICIPALITY", province: "VI", contactName: "Giulia Conti", contactEmail: "segreteria@comunedossodemo.example.it" });

  // The union's PLUS enrolment covers the staff of Alba and Borgo too.
  const unionPlus = await enrol(union.id, "PLUS", 40);
  const castelloBasic = await enrol(castello.id, "BASIC", 10);
  const dossoIntermediate = await enrol(dosso.id, "INTERMEDIATE", 15);
  // The OpenPA micro-services each kit bundles, some already requested or active.
  await trackServices(unionPlus.id, "PLUS", { OpenCity: "https://www.unionevalledemo.example.it", OpenAgenda: "https://agenda.unionevalledemo.example.it", OpenSegnalazioni: null });
  await trackServices(castelloBasic.id, "BASIC", { OpenCity: "https://www.comunecastellodemo.example.it", OpenTrasparenza: null });
  await trackServices(dossoIntermediate.id, "INTERMEDIATE", { SpaziComuni: null });

  const accounts = [
    { email: "admin@coop.example", name: "Anna Amministratrice", role: "ADMIN" as const },
    { email: "tutor@coop.example", name: "Tommaso Tutor", role: "TUTOR" as const, jobTitle: "Tutor FPA" },
    { email: "manager.plus@coop.example", name: "Paola Ferri", role: "MEMBER" as const, organizationId: union.id, isOrganizationManager: true, jobTitle: "Segretaria dell'Unione", staffKind: "CTO" as const },
    { email: "member.plus@coop.example", name: "Luca Neri", role: "MEMBER" as const, organizationId: alba.id, jobTitle: "Istruttore amministrativo", staffKind: "OPERATOR" as const },
    { email: "member.borgo@coop.example", name: "Sara Galli", role: "MEMBER" as const, organizationId: borgo.id, jobTitle: "Responsabile servizi demografici", staffKind: "OPERATOR" as const },
    { email: "member.intermediate@coop.example", name: "Giulia Conti", role: "MEMBER" as const, organizationId: dosso.id, jobTitle: "Responsabile transizione digitale", staffKind: "CTO" as const },
    { email: "member.basic@coop.example", name: "Marco Riva", role: "MEMBER" as const, organizationId: castello.id, jobTitle: "Istruttore tecnico", staffKind: "OPERATOR" as const },
  ];
  for (const account of accounts) await user(account, passwordHash);
  // One pending invitation (Borgo, invited by the union's manager) for the invitation pages.
  // Its link is not known: "Invia di nuovo" on /organization or /admin/invitations mails a working one.
  const invitedEmail = "invitato.borgo@coop.example";
  if (!(await db.invitation.findFirst({ where: { email: invitedEmail } }))) {
    const inviter = await db.user.findUnique({ where: { email: "manager.plus@coop.example" }, select: { id: true } });
    await db.invitation.create({
      data: {
        email: invitedEmail,
        name: "Giorgio Invitato",
        organizationId: borgo.id,
        tokenHash: hashToken(generateToken()),
        invitedById: inviter?.id,
        expiresAt: new Date(Date.now() + 7 * 24 * 60 * 60 * 1000),
      },
    });
  }
  await seedWebinars();
  await seedSurveys();
  // After the webinars seed: chat, Q&A and a poll on its live and ended webinars.
  await seedWebinarLive();
  await seedCommunity();
  await seedBlog();
  await seedFiles();
  await seedLabs();
  return { organizations: 5, users: accounts.length };
}

// Run directly: `npm run db:seed`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await seed();
  console.log(`Demo data ready: ${result.organizations} organizations, ${result.users} accounts (password: ${DEMO_PASSWORD}).`);
  await db.$disconnect();
}
