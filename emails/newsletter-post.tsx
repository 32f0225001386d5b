// The newsletter: one post, or a digest of the latest posts, with the unsubscribe link. Rendered
// once per send; the recipient's own unsubscribe address replaces UNSUBSCRIBE_PLACEHOLDER.
import { ActionLink, EmailLayout, Paragraph, textFooter } from "./layout.tsx";
import type { EmailLocale } from "./types.ts";

export type Data = { kind: "post" | "digest"; posts: { title: string; excerpt: string; url: string }[]; unsubscribeUrl: string };

const it = {
  digestSubject: "Le novità del blog di CO-OP",
  digestTitle: "Le novità del blog",
  read: "Leggi l'articolo",
  why: "Ricevi questo messaggio perché ti sei iscritto alla newsletter del blog di CO-OP.",
  unsubscribe: "Annulla l'iscrizione",
};

const en: typeof it = {
  digestSubject: "What's new on the CO-OP blog",
  digestTitle: "What's new on the blog",
  read: "Read the post",
  why: "You receive this message because you subscribed to the CO-OP blog newsletter.",
  unsubscribe: "Unsubscribe",
};

const strings: Record<EmailLocale, typeof it> = { it, en };

export function subject(locale: EmailLocale, data: Data) {
  return data.kind === "post" && data.posts[0] ? data.posts[0].title : strings[locale].digestSubject;
}

export function Email({ locale, data }: { locale: EmailLocale; data: Data }) {
  const s = strings[locale];
  return (
    <EmailLayout locale={locale} title={subject(locale, data) === s.digestSubject ? s.digestTitle : subject(locale, data)}>
      {data.posts.map((post) => (
        <div key={post.url}>
          {data.kind === "digest" ? <h2 style={{ fontSize: "18px" }}>{post.title}</h2> : null}
          {post.excerpt ? <Paragraph>{post.excerpt}</Paragraph> : null}
          <ActionLink locale={locale} href={post.url} label={s.read} />
        </div>
      ))}
      <Paragraph>
        {s.why} <a href={data.unsubscribeUrl}>{s.unsubscribe}</a>
      </Paragraph>
    </EmailLayout>
  );
}

export function text(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  const posts = data.posts.flatMap((post) => [post.title, ...(post.excerpt ? [post.excerpt] : []), post.url, ""]);
  return [...posts, `${s.why}`, `${s.unsubscribe}: ${data.unsubscribeUrl}`, "", textFooter(locale)].join("\n");
}
