// Demo webinars: one ended last week, one live now, and upcoming ones (PLUS-only, public, for
// every kit with few seats so the waitlist shows), with the tutor hosting, a speaker and
// technical support, and registrations for the demo members. Safe to run again (upserts by
// slug and by registration; the seat counters are recounted).
import { db } from "../../app/lib/db.server.ts";
import { addDaysToDay, romeDay, romeLocalInstant } from "../../app/lib/dates.ts";
import type { Kit, WebinarRoleKind, WebinarStatus } from "../../app/generated/sqlite/client.ts";

type DemoWebinar = {
  slug: string;
  title: string;
  description: string;
  status: WebinarStatus;
  startsAt: Date;
  audience: "PUBLIC" | "KITS";
  kits?: Kit[];
  pathwayKit?: Kit;
  topic: string;
  competences?: string;
  capacity?: number;
  roles: [email: string, role: WebinarRoleKind][];
  registered: string[];
  waitlisted?: string[];
};

const at = (daysFromToday: number, time: string) => romeLocalInstant(addDaysToDay(romeDay(new Date()), daysFromToday), time) ?? new Date();

export async function seedWebinars() {
  const now = Date.now();
  const webinars: DemoWebinar[] = [
    {
      slug: "demo-trasparenza-amministrativa",
      title: "Trasparenza amministrativa: l'albo online",
      description: "Come pubblicare atti e documenti nell'**albo online** rispettando i tempi di legge.\n\n- obblighi di pubblicazione\n- accessibilità dei documenti",
      status: "ENDED",
      startsAt: at(-7, "10:00"),
      audience: "KITS",
      kits: ["BASIC", "INTERMEDIATE", "PLUS"],
      pathwayKit: "BASIC",
      topic: "Trasparenza",
      competences: "1.1,2.3",
      roles: [["tutor@coop.example", "HOST"]],
      registered: ["member.plus@coop.example", "member.basic@coop.example"],
    },
    {
      slug: "demo-diretta-servizi-digitali",
      title: "In diretta: servizi digitali per i cittadini",
      description: "Il webinar è **in corso**: entra nella stanza dalla pagina.",
      status: "LIVE",
      startsAt: new Date(Math.floor((now - 20 * 60_000) / 60_000) * 60_000),
      audience: "KITS",
      kits: ["INTERMEDIATE", "PLUS"],
      pathwayKit: "INTERMEDIATE",
      topic: "Servizi digitali",
      roles: [["tutor@coop.example", "HOST"], ["manager.plus@coop.example", "SPEAKER"], ["admin@coop.example", "SUPPORT"]],
      registered: ["member.plus@coop.example", "member.intermediate@coop.example"],
    },
    {
      slug: "demo-partecipazione-plus",
      title: "Consultazioni pubbliche e segnalazioni dei cittadini",
      description: "Riservato al **kit PLUS**: progettare una consultazione online e gestire le segnalazioni.",
      status: "SCHEDULED",
      startsAt: at(7, "10:00"),
      audience: "KITS",
      kits: ["PLUS"],
      pathwayKit: "PLUS",
      topic: "Partecipazione",
      competences: "3.2",
      capacity: 50,
      roles: [["tutor@coop.example", "HOST"], ["manager.plus@coop.example", "SPEAKER"]],
      registered: ["member.plus@coop.example"],
    },
    {
      slug: "demo-open-data-per-tutti",
      title: "Dati aperti per tutti: da dove cominciare",
      description: "Webinar **aperto a tutti**: basta un account CO-OP.",
      status: "SCHEDULED",
      startsAt: at(10, "15:00"),
      audience: "PUBLIC",
      topic: "Dati aperti",
      roles: [["tutor@coop.example", "HOST"]],
      registered: ["member.borgo@coop.example"],
    },
    {
      slug: "demo-sito-comunale-tutti-i-kit",
      title: "Il sito comunale secondo le linee guida",
      description: "Per tutti i kit. **Pochi posti**: oltre si entra in lista d'attesa.",
      status: "SCHEDULED",
      startsAt: at(14, "11:00"),
      audience: "KITS",
      kits: ["BASIC", "INTERMEDIATE", "PLUS"],
      pathwayKit: "BASIC",
      topic: "Siti web",
      capacity: 2,
      roles: [["tutor@coop.example", "HOST"], ["admin@coop.example", "SUPPORT"]],
      registered: ["member.basic@coop.example", "member.intermediate@coop.example"],
      waitlisted: ["member.plus@coop.example"],
    },
  ];
  const userIds = new Map((await db.user.findMany({ select: { id: true, email: true } })).map((user) => [user.email, user.id]));
  const tutorId = userIds.get("tutor@coop.example") ?? null;
  for (const demo of webinars) {
    const data = {
      title: demo.title,
      description: demo.description,
      status: demo.status,
      startsAt: demo.startsAt,
      audience: demo.audience,
      pathwayKit: demo.pathwayKit ?? null,
      topic: demo.topic,
      competences: demo.competences ?? null,
      capacity: demo.capacity ?? null,
      liveStartedAt: demo.status === "LIVE" || demo.status === "ENDED" ? demo.startsAt : null,
      liveEndedAt: demo.status === "ENDED" ? new Date(demo.startsAt.getTime() + 90 * 60_000) : null,
    };
    const webinar = await db.webinar.upsert({
      where: { slug: demo.slug },
      update: data,
      create: { ...data, slug: demo.slug, roomName: `demo-${demo.slug}`, createdById: tutorId },
    });
    await db.webinarAudienceKit.deleteMany({ where: { webinarId: webinar.id } });
    for (const kit of demo.kits ?? []) await db.webinarAudienceKit.create({ data: { webinarId: webinar.id, kit } });
    for (const [email, role] of demo.roles) {
      const userId = userIds.get(email);
      if (!userId) continue;
      await db.webinarRole.upsert({ where: { webinarId_userId_role: { webinarId: webinar.id, userId, role } }, update: {}, create: { webinarId: webinar.id, userId, role } });
    }
    const people: [string, "REGISTERED" | "WAITLISTED"][] = [...demo.registered.map((e) => [e, "REGISTERED"] as [string, "REGISTERED"]), ...(demo.waitlisted ?? []).map((e) => [e, "WAITLISTED"] as [string, "WAITLISTED"])];
    for (const [email, status] of people) {
      const userId = userIds.get(email);
      if (!userId) continue;
      await db.webinarRegistration.upsert({
        where: { webinarId_userId: { webinarId: webinar.id, userId } },
        update: {},
        create: { webinarId: webinar.id, userId, status, question: status === "REGISTERED" && email === "member.plus@coop.example" ? "Ci saranno esempi di Comuni piccoli?" : null },
      });
    }
    const registeredCount = await db.webinarRegistration.count({ where: { webinarId: webinar.id, status: "REGISTERED" } });
    await db.webinar.update({ where: { id: webinar.id }, data: { registeredCount } });
  }
  return { webinars: webinars.length };
}
