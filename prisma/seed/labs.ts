// Demo lab (issue 14): a Community Building lab for the INTERMEDIATE Dosso municipality and the PLUS
// union, led by the demo tutor, with Giulia Conti (Dosso) and Luca Neri (Alba, in the union) as
// members, its LAB discussion category, sessions (an online one with its webinar room), an activity.
// Safe to run again (found by title).
import { db } from "../../app/lib/db.server.ts";
import { createLabWebinar } from "../../app/modules/webinars/webinars.server.ts";

export const DEMO_LAB_TITLE = "Laboratorio di Community Building — Valle Demo e Dosso";
const DAY = 24 * 3600 * 1000;

export async function seedLabs() {
  if (await db.lab.findFirst({ where: { title: DEMO_LAB_TITLE } })) return { labs: 0 };
  const orgs = await db.organization.findMany({ where: { ipaCode: { in: ["demo_uvd", "demo_dosso"] } }, select: { id: true } });
  const people = await db.user.findMany({ where: { email: { in: ["tutor@coop.example", "member.intermediate@coop.example", "member.plus@coop.example"] } }, select: { id: true, email: true } });
  const idOf = new Map(people.map((p) => [p.email, p.id]));
  const tutorId = idOf.get("tutor@coop.example");
  if (orgs.length < 2 || !tutorId) return { labs: 0 };
  const now = Date.now();
  const lab = await db.lab.create({
    data: {
      title: DEMO_LAB_TITLE,
      description: "Un percorso guidato per **costruire e animare una comunità** di pratica tra gli uffici dei Comuni: incontri online e in presenza, attività da consegnare e una discussione riservata al laboratorio.",
      startsAt: new Date(now - 20 * DAY),
      endsAt: new Date(now + 150 * DAY),
      organizations: { create: orgs.map((o) => ({ organizationId: o.id })) },
      tutors: { create: [{ userId: tutorId }] },
      members: {
        create: ["member.intermediate@coop.example", "member.plus@coop.example"]
          .map((email) => idOf.get(email))
          .filter((id): id is string => Boolean(id))
          .map((userId) => ({ userId, addedById: tutorId, joinedAt: new Date(now - 18 * DAY) })),
      },
    },
  });
  const category = await db.communityCategory.create({ data: { name: DEMO_LAB_TITLE, visibility: "LAB", labId: lab.id, position: 100 } });
  await db.lab.update({ where: { id: lab.id }, data: { categoryId: category.id } });
  // A past in-person session whose register the tutor confirmed (Luca present), and an upcoming one.
  const plusId = idOf.get("member.plus@coop.example");
  await db.labSession.create({
    data: {
      labId: lab.id, title: "Mappatura della comunità locale", kind: "IN_PERSON", place: "Sala consiliare di Dosso", address: "Piazza Municipio 1, Dosso",
      startsAt: new Date(now - 7 * DAY), durationMinutes: 150, confirmedAt: new Date(now - 7 * DAY + 3 * 3600_000), confirmedById: tutorId,
      attendance: { create: plusId ? [{ userId: plusId, minutes: 150 }] : [] },
    },
  });
  await db.labSession.create({ data: { labId: lab.id, title: "Strumenti per animare una comunità", kind: "IN_PERSON", place: "Sede dell'Unione", address: "Via Roma 10", startsAt: new Date(now + 7 * DAY), durationMinutes: 120 } });
  // An upcoming online session with its lab-restricted webinar room, made as the service makes it.
  const online = { title: "Facilitare una comunità online", startsAt: new Date(now + 3 * DAY), durationMinutes: 90 };
  await db.$transaction(async (tx) => {
    const room = await createLabWebinar(tx, lab.id, online, tutorId);
    await tx.labSession.create({ data: { labId: lab.id, kind: "ONLINE", ...online, webinarId: room.id } });
  });
  const activity = await db.labActivity.create({
    data: { labId: lab.id, title: "Mappa degli stakeholder del tuo Comune", description: "Elenca associazioni, scuole, imprese e gruppi informali con cui il tuo ufficio collabora, e per ciascuno **un referente**.", dueAt: new Date(now + 10 * DAY) },
  });
  if (plusId) await db.labSubmission.create({ data: { activityId: activity.id, userId: plusId, text: "Prima versione: Pro Loco, istituto comprensivo, due cooperative sociali.", submittedAt: new Date(now - 2 * DAY) } });
  return { labs: 1, labId: lab.id };
}
