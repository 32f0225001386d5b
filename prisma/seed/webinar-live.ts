// Demo chat, Q&A and a poll on the demo webinars that are live or ended (created by the webinars
// seed, which must run first). Idempotent: a webinar that already has chat messages is left alone.
import { db } from "../../app/lib/db.server.ts";

export async function seedWebinarLive() {
  const webinars = await db.webinar.findMany({ where: { status: { in: ["LIVE", "ENDED"] } }, select: { id: true } });
  const people = await db.user.findMany({ where: { email: { in: ["member.plus@coop.example", "member.basic@coop.example", "tutor@coop.example"] } } });
  const by = (email: string) => people.find((p) => p.email === email);
  const [luca, marco, tutor] = [by("member.plus@coop.example"), by("member.basic@coop.example"), by("tutor@coop.example")];
  if (!luca || !marco || !tutor) return { webinars: 0 };
  let seeded = 0;
  for (const webinar of webinars) {
    if (await db.webinarChatMessage.count({ where: { webinarId: webinar.id } })) continue;
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await db.webinarChatMessage.createMany({
      data: [
        { webinarId: webinar.id, userId: tutor.id, authorName: tutor.name, body: "Benvenuti! Le slide sono tra i **materiali** del webinar.", createdAt: at(30) },
        { webinarId: webinar.id, userId: luca.id, authorName: luca.name, body: "Buongiorno a tutti, vi seguo da Alba.", createdAt: at(29) },
        { webinarId: webinar.id, userId: marco.id, authorName: marco.name, body: "Si sente bene, grazie.", createdAt: at(28) },
      ],
    });
    await db.webinarQuestion.create({
      data: { webinarId: webinar.id, userId: luca.id, authorName: luca.name, body: "Come si misura la spesa ICT nel Piano triennale?", state: "ANSWERED_WRITTEN", answer: "Con gli indicatori della sezione 4: li trovate nelle slide.", answeredById: tutor.id, voteCount: 1, votes: { create: [{ userId: marco.id }] } },
    });
    await db.webinarQuestion.create({ data: { webinarId: webinar.id, userId: marco.id, authorName: marco.name, anonymous: true, body: "Ci sarà la registrazione?", state: "OPEN" } });
    const poll = await db.webinarPoll.create({
      data: { webinarId: webinar.id, question: "Usate già SPID per i servizi online?", state: "CLOSED", showResults: true, openedAt: at(20), closedAt: at(15), options: { create: [{ label: "Sì", position: 0 }, { label: "No", position: 1 }] } },
      include: { options: { orderBy: { position: "asc" } } },
    });
    for (const [person, option] of [[luca, poll.options[0]], [marco, poll.options[1]]] as const) {
      await db.webinarPollBallot.create({ data: { pollId: poll.id, userId: person.id } });
      await db.webinarPollChoice.create({ data: { pollId: poll.id, optionId: option.id, userId: person.id } });
    }
    seeded++;
  }
  return { webinars: seeded };
}
