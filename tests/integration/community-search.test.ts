// Forum search as members meet it: Italian word forms find each other (stemming), results are
// ranked and highlighted, and only posts the searcher may read come back (staff categories,
// hidden posts), with the same answers on SQLite (FTS5) and PostgreSQL (tsvector, italian).
import { db } from "~/lib/db.server.ts";
import { RECENT_WINDOW, SEARCH_CANDIDATES, snippet } from "~/modules/community/search.server.ts";
import { searchTextOf } from "~/modules/community/stemmer.ts";
import { loader as searchLoader } from "~/routes/community.search.tsx";
import { call, getRequest } from "../helpers/requests.ts";
import { category, enrolledOrganization, person } from "./community-helpers.ts";

type Person = Awaited<ReturnType<typeof person>>;
let member: Person, tutor: Person, basic: Person;

async function post(categoryId: string, authorId: string, title: string, body: string, extra: { hiddenAt?: Date } = {}) {
  const topic = await db.communityTopic.create({ data: { categoryId, title, authorId, postCount: 1 } });
  return db.communityPost.create({ data: { topicId: topic.id, postNumber: 1, authorId, body, searchText: searchTextOf(`${title}\n${body}`), ...extra } });
}

async function search(who: Person, q: string) {
  const response = await call(searchLoader, getRequest(`/community/search?q=${encodeURIComponent(q)}`, { cookie: who.cookie }));
  if (response.status !== 200) return { status: response.status, titles: [] as string[], hits: [] as { snippet: string; topicTitle: string }[] };
  const data = await response.json();
  return { status: 200, titles: data.hits.map((h: { topicTitle: string }) => h.topicTitle) as string[], hits: data.hits as { snippet: string; topicTitle: string }[] };
}

beforeAll(async () => {
  const org = await enrolledOrganization("PLUS");
  member = await person({ organizationId: org.id });
  tutor = await person({ role: "TUTOR" });
  basic = await person({ organizationId: (await enrolledOrganization("BASIC")).id });
  const open = await category("Generale");
  const staff = await category("Staff", "STAFF");
  await post(open.id, member.id, "Formazione digitale", "I corsi di formazione per i dipendenti comunali partono a marzo.");
  await post(open.id, member.id, "Progetti PNRR", "Tre progetti finanziati per il nostro comune.");
  await post(staff.id, tutor.id, "Valutazione riservata", "Note sui progetti dei comuni, solo per i tutor.");
  await post(open.id, member.id, "Nascosto", "Un progetto segnalato e nascosto.", { hiddenAt: new Date() });
  await post(open.id, member.id, "Sicurezza", "Attenzione a <script>alert(1)</script> nei progetti & nelle <b>email</b>.");
});

it("finds other forms of the same Italian words", async () => {
  expect((await search(member, "formazioni")).titles).toContain("Formazione digitale");
  expect((await search(member, "comune")).titles).toContain("Progetti PNRR");
  expect((await search(member, "progetto")).titles).toEqual(expect.arrayContaining(["Progetti PNRR", "Sicurezza"]));
});

it("returns nothing the searcher may not read", async () => {
  const forMember = (await search(member, "progetti")).titles;
  expect(forMember).not.toContain("Valutazione riservata");
  expect(forMember).not.toContain("Nascosto");
  expect((await search(tutor, "progetti")).titles).toContain("Valutazione riservata");
  expect((await search(basic, "progetti")).status).toBe(403);
});

it("highlights the matching words in a safe snippet", async () => {
  const { hits } = await search(member, "progetti");
  const hit = hits.find((h) => h.topicTitle === "Sicurezza")!;
  expect(hit.snippet).toContain("<mark>progetti</mark>");
  expect(hit.snippet).toContain("&lt;script");
  expect(hit.snippet).not.toContain("<script");
  expect(hit.snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
  expect(snippet("Uno due tre", new Set(["due"]))).toBe("Uno <mark>due</mark> tre");
});

it("an empty or punctuation-only query returns nothing, never an error", async () => {
  expect((await search(member, "")).titles).toEqual([]);
  expect((await search(member, '"*() AND OR NEAR')).status).toBe(200);
});

it("finds a topic by a word of its title only, alone or with a word of its first post", async () => {
  const open = await category("Titoli");
  await post(open.id, member.id, "Piste ciclabili urbane", "Chi ha già un regolamento per la manutenzione?");
  expect((await search(member, "ciclabile")).titles).toContain("Piste ciclabili urbane");
  expect((await search(member, "ciclabili manutenzione")).titles).toContain("Piste ciclabili urbane");
});

it("ranks first the post that says the word more often, and a short post above a long one", async () => {
  const open = await category("Bilanci");
  await post(open.id, member.id, "Lungo", "Il bilancio del comune, con la scuola, la mensa, il trasporto, la biblioteca e il teatro.");
  await post(open.id, member.id, "Spesso", "Bilancio, bilancio e ancora bilancio: il comune lo approva.");
  await post(open.id, member.id, "Breve", "Il bilancio del comune.");
  expect((await search(member, "bilanci")).titles.slice(0, 3)).toEqual(["Spesso", "Breve", "Lungo"]);
});

it("finds an older post the member may read behind more than the ranked number of newer staff-only ones", async () => {
  const open = await category("Natura");
  const staff = await category("Staff natura", "STAFF");
  await post(open.id, member.id, "Birdwatching", "Un censimento di ornitologia nel parco comunale.");
  const topic = await db.communityTopic.create({ data: { categoryId: staff.id, title: "Riservato", authorId: tutor.id, postCount: SEARCH_CANDIDATES + 1 } });
  await db.communityPost.createMany({
    data: Array.from({ length: SEARCH_CANDIDATES + 1 }, (_, i) => ({ topicId: topic.id, postNumber: i + 1, authorId: tutor.id, body: "Ornitologia riservata.", searchText: searchTextOf("Ornitologia riservata.") })),
  });
  expect((await search(member, "ornitologia")).titles).toEqual(["Birdwatching"]);
}, 60_000);

it("finds a rare word's old post behind more than the walked window of newer posts, and a word of the newest posts among them", async () => {
  const open = await category("Campagna");
  await post(open.id, member.id, "Lucciole d'estate", "Abbiamo contato le lucciole lungo il canale.");
  const topic = await db.communityTopic.create({ data: { categoryId: open.id, title: "Cantieri", authorId: tutor.id, postCount: RECENT_WINDOW + 1 } });
  const body = (i: number) => (i === RECENT_WINDOW ? "Ultimo cantiere: asfaltatura conclusa." : "Cantiere stradale in corso.");
  await db.communityPost.createMany({
    data: Array.from({ length: RECENT_WINDOW + 1 }, (_, i) => ({ topicId: topic.id, postNumber: i + 1, authorId: tutor.id, body: body(i), searchText: searchTextOf(body(i)) })),
  });
  expect((await search(member, "lucciole")).titles).toEqual(["Lucciole d'estate"]);
  expect((await search(member, "asfaltatura")).titles).toEqual(["Cantieri"]);
}, 120_000);
