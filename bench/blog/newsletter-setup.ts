// Bench setup (bench/blog/newsletter.mjs): COUNT confirmed subscribers and one published post in
// DATABASE_URL, then a newsletter send of that post queued exactly as the editor's button does.
// Prints the send's id. Usage: DATABASE_URL=file:... npx tsx bench/blog/newsletter-setup.ts 76000
import { db } from "../../app/lib/db.server.ts";
import { startSend } from "../../app/modules/blog/newsletter.server.ts";

const count = Number(process.argv[2] ?? 76_000);
const admin = await db.user.upsert({ where: { email: "bench-admin@coop.example" }, create: { email: "bench-admin@coop.example", name: "Bench", role: "ADMIN" }, update: {} });
const post = await db.blogPost.upsert({
  where: { slug: "bench-newsletter" },
  create: { slug: "bench-newsletter", title: "Newsletter di prova", excerpt: "Un articolo per misurare l'invio.", body: "Testo.", status: "PUBLISHED", publishedAt: new Date() },
  update: {},
});
const consentAt = new Date();
for (let start = 0; start < count; start += 5000) {
  await db.newsletterSubscriber.createMany({
    data: Array.from({ length: Math.min(5000, count - start) }, (_, i) => ({
      email: `iscritto${start + i}@bench.example.it`,
      // One in five reads English: the send is rendered in both languages.
      locale: (start + i) % 5 === 0 ? "en" : "it",
      status: "CONFIRMED" as const,
      consentText: "bench",
      consentAt,
      confirmedAt: consentAt,
    })),
  });
}
const sendId = await startSend(admin.id, { kind: "post", postId: post.id });
console.log(sendId);
await db.$disconnect();
