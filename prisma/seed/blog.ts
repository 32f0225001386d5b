// Demo blog: four published posts by the demo tutor and admin, a draft, a post scheduled a week
// ahead (09:00 Rome time, with its publication job), tags. Safe to run again (upserts by slug).
import { db } from "../../app/lib/db.server.ts";
import { addDaysToDay, romeDay } from "../../app/lib/dates.ts";
import { enqueueJob } from "../../app/lib/jobs/queue.server.ts";
import { parseTags, readingMinutes, romeDateTime } from "../../app/modules/blog/text.ts";

type DemoPost = { slug: string; title: string; excerpt: string; body: string; tags: string; author: string; status: "PUBLISHED" | "DRAFT" | "SCHEDULED"; daysAgo?: number };

const POSTS: DemoPost[] = [
  {
    slug: "open-data-nei-piccoli-comuni",
    title: "Open data nei piccoli comuni: da dove cominciare",
    excerpt: "Tre passi concreti per pubblicare i primi dati aperti anche con poche persone.",
    body: "## Partire dai dati che già esistono\n\nOgni comune raccoglie ogni giorno dati utili: orari, servizi, bandi.\n\n## Scegliere il formato giusto\n\nCSV con intestazioni chiare e una licenza aperta (CC BY 4.0).\n\n## Pubblicare e aggiornare\n\nUn dato vecchio è peggio di nessun dato: stabilite una frequenza.",
    tags: "Open data, Piccoli comuni",
    author: "tutor@coop.example",
    status: "PUBLISHED",
    daysAgo: 20,
  },
  {
    slug: "accessibilita-dei-siti-pa",
    title: "Accessibilità dei siti della PA: gli errori più comuni",
    excerpt: "Contrasto, etichette dei moduli, titoli: cosa controllare prima della dichiarazione di accessibilità.",
    body: "La dichiarazione di accessibilità va pubblicata ogni anno entro il 23 settembre.\n\n- **Contrasto** del testo almeno 4,5:1\n- **Etichette** per ogni campo dei moduli\n- **Titoli** in ordine, senza salti",
    tags: "Accessibilità, Siti web",
    author: "tutor@coop.example",
    status: "PUBLISHED",
    daysAgo: 12,
  },
  {
    slug: "intelligenza-artificiale-e-procedimenti",
    title: "Intelligenza artificiale e procedimenti amministrativi",
    excerpt: "Dove può aiutare, dove serve cautela e che cosa dice il quadro normativo.",
    body: "L'IA può aiutare a smistare le istanze e a riassumere documenti lunghi.\n\nLa decisione resta però in capo al responsabile del procedimento.",
    tags: "Intelligenza artificiale, Open data",
    author: "admin@coop.example",
    status: "PUBLISHED",
    daysAgo: 5,
  },
  {
    slug: "servizi-digitali-per-le-unioni",
    title: "Servizi digitali condivisi nelle unioni di comuni",
    excerpt: "Come un'unione può offrire gli stessi servizi online a tutti i comuni che la compongono.",
    body: "Condividere una piattaforma riduce i costi e uniforma l'esperienza dei cittadini.",
    tags: "Piccoli comuni, Servizi digitali",
    author: "admin@coop.example",
    status: "PUBLISHED",
    daysAgo: 1,
  },
  {
    slug: "bozza-linee-guida-cloud",
    title: "Linee guida cloud: appunti (bozza)",
    excerpt: "Bozza non ancora pubblicata.",
    body: "Appunti in corso di scrittura.",
    tags: "Cloud",
    author: "tutor@coop.example",
    status: "DRAFT",
  },
  {
    slug: "piano-triennale-novita",
    title: "Piano triennale: le novità dell'aggiornamento",
    excerpt: "Pubblicazione programmata.",
    body: "Le principali novità dell'aggiornamento del Piano triennale per l'informatica nella PA.",
    tags: "Piano triennale",
    author: "tutor@coop.example",
    status: "SCHEDULED",
  },
];

export async function seedBlog() {
  const now = Date.now();
  for (const demo of POSTS) {
    const author = await db.user.findUnique({ where: { email: demo.author }, select: { id: true } });
    const publishAt = demo.status === "SCHEDULED" ? romeDateTime(addDaysToDay(romeDay(new Date()), 7), "09:00") : null;
    const publishedAt = demo.status === "PUBLISHED" ? new Date(now - (demo.daysAgo ?? 0) * 86_400_000) : null;
    const fields = { title: demo.title, excerpt: demo.excerpt, body: demo.body, readingMinutes: readingMinutes(demo.body), authorId: author?.id ?? null };
    const existing = await db.blogPost.findUnique({ where: { slug: demo.slug }, select: { id: true } });
    const post = existing ?? (await db.blogPost.create({ data: { slug: demo.slug, ...fields, status: demo.status, publishedAt, publishAt } }));
    if (existing) continue;
    for (const tag of parseTags(demo.tags)) {
      const row = await db.blogTag.upsert({ where: { slug: tag.slug }, create: tag, update: {} });
      await db.blogPostTag.create({ data: { postId: post.id, tagId: row.id } });
    }
    await db.blogRevision.create({ data: { postId: post.id, title: demo.title, excerpt: demo.excerpt, body: demo.body, editorId: author?.id } });
    if (publishAt) await enqueueJob("blog.publish-due", {}, { runAt: publishAt, uniqueKey: `blog-publish:${post.id}:${publishAt.getTime()}` });
  }
  return { posts: POSTS.length };
}
