// Demo forum (issue 11): three categories (one staff-only), a few topics and replies by the demo
// accounts (member.plus, manager.plus, tutor), handles for mentions. Idempotent: skipped when the
// categories exist.
import { randomBytes } from "node:crypto";
import { db } from "../../app/lib/db.server.ts";
import { cook } from "../../app/modules/community/forum.server.ts";
import { searchTextOf } from "../../app/modules/community/stemmer.ts";

const CATEGORIES = [
  { name: "Transizione digitale", description: "Piano triennale, servizi online, interoperabilità.", visibility: "COMMUNITY" as const, position: 1 },
  { name: "Scambio di esperienze", description: "Cosa funziona nei nostri comuni, e cosa no.", visibility: "COMMUNITY" as const, position: 2 },
  { name: "Sala tutor", description: "Coordinamento dello staff FPA.", visibility: "STAFF" as const, position: 3 },
];

type Thread = { category: number; title: string; posts: [author: string, body: string][] };

const THREADS: Thread[] = [
  {
    category: 0,
    title: "Come state organizzando il piano triennale?",
    posts: [
      ["member.plus@coop.example", "Nel nostro comune abbiamo appena iniziato. Qualcuno ha un modello di **cronoprogramma** da condividere?"],
      ["manager.plus@coop.example", "[quote=\"Luca Neri\" post=1]\nQualcuno ha un modello di cronoprogramma da condividere?\n[/quote]\n\nNell'Unione ne usiamo uno comune a tutti i comuni: lo carico nell'area file. @luca.neri ti scrivo anche in privato."],
      ["tutor@coop.example", "Ottimo spunto: ne parleremo nel prossimo laboratorio. Intanto @paola.ferri potresti raccontare come avete diviso i compiti?"],
    ],
  },
  {
    category: 1,
    title: "PagoPA: esperienze con i pagamenti spontanei",
    posts: [
      ["manager.plus@coop.example", "Qualcuno ha attivato i pagamenti spontanei per i servizi cimiteriali? Come avete configurato i tributi?"],
      ["member.plus@coop.example", "Noi sì, con il partner tecnologico regionale: ci sono voluti due mesi."],
    ],
  },
  {
    category: 2,
    title: "Calendario dei laboratori di gennaio",
    posts: [["tutor@coop.example", "Bozza del calendario: da confermare con le organizzazioni entro venerdì."]],
  },
];

const HANDLES: Record<string, string> = {
  "member.plus@coop.example": "luca.neri",
  "manager.plus@coop.example": "paola.ferri",
  "tutor@coop.example": "tommaso.tutor",
};

export async function seedCommunity() {
  const users = await db.user.findMany({ where: { email: { in: Object.keys(HANDLES) } }, select: { id: true, email: true } });
  const idOf = new Map(users.map((u) => [u.email, u.id]));
  for (const [email, handle] of Object.entries(HANDLES)) {
    const userId = idOf.get(email);
    if (!userId) continue;
    await db.communityProfile.upsert({ where: { userId }, create: { userId, handle, unsubscribeToken: randomBytes(24).toString("base64url") }, update: {} });
  }
  if (await db.communityCategory.count()) return { categories: 0, topics: 0 };
  const categories = [];
  for (const data of CATEGORIES) categories.push(await db.communityCategory.create({ data }));
  const start = Date.now() - 3 * 24 * 3600 * 1000;
  let minute = 0;
  for (const thread of THREADS) {
    const category = categories[thread.category];
    const at = () => new Date(start + 47 * 60_000 * ++minute);
    const [firstAuthor] = thread.posts[0];
    const createdAt = at();
    const topic = await db.communityTopic.create({
      data: { categoryId: category.id, title: thread.title, authorId: idOf.get(firstAuthor)!, postCount: thread.posts.length, createdAt, lastPostAt: createdAt },
    });
    let last = createdAt;
    for (const [i, [author, body]] of thread.posts.entries()) {
      last = i === 0 ? createdAt : at();
      const authorId = idOf.get(author)!;
      await db.communityPost.create({ data: { topicId: topic.id, postNumber: i + 1, authorId, body, ...cook(body), searchText: searchTextOf(i === 0 ? `${thread.title}\n${body}` : body), createdAt: last } });
      await db.communityTopicUser.upsert({ where: { userId_topicId: { userId: authorId, topicId: topic.id } }, create: { userId: authorId, topicId: topic.id, lastReadPostNumber: i + 1, watching: true }, update: { lastReadPostNumber: i + 1 } });
    }
    await db.communityTopic.update({ where: { id: topic.id }, data: { lastPostAt: last } });
    await db.communityCategory.update({ where: { id: category.id }, data: { topicCount: { increment: 1 } } });
  }
  return { categories: categories.length, topics: THREADS.length };
}
