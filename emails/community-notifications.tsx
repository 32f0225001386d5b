// Community notifications by email: one message for a mention or a reply (immediately), or the
// daily digest of several. Every message carries an unsubscribe link that works without signing in.
import { ActionLink, EmailLayout, Paragraph, textFooter } from "./layout.tsx";
import type { EmailLocale } from "./types.ts";

export type Item = { kind: "mention" | "reply" | "topic"; actorName: string; topicTitle: string; url: string };
export type Data = { name: string; items: Item[]; digest: boolean; unsubscribeUrl: string; settingsUrl: string };

// Italian is the reference; English must have the same keys (checked by the compiler).
const it = {
  subjectOne: (item: Item) => (item.kind === "mention" ? `${item.actorName} ti ha menzionato in «${item.topicTitle}»` : `Nuovo messaggio in «${item.topicTitle}»`),
  subjectDigest: (count: number) => `Comunità CO-OP: ${count === 1 ? "1 novità" : `${count} novità`} per te`,
  title: "Novità dalla comunità",
  greeting: (name: string) => `Ciao ${name},`,
  line: (item: Item) =>
    item.kind === "mention"
      ? `${item.actorName} ti ha menzionato nella discussione «${item.topicTitle}».`
      : item.kind === "reply"
        ? `${item.actorName} ha scritto nella discussione «${item.topicTitle}», che segui.`
        : `${item.actorName} ha aperto la discussione «${item.topicTitle}» in una categoria che segui.`,
  open: "Apri il messaggio",
  settings: "Scegli come ricevere le notifiche",
  unsubscribe: "Non ricevere più queste email",
  why: "Ricevi questa email perché partecipi alla comunità CO-OP.",
};

const en: typeof it = {
  subjectOne: (item: Item) => (item.kind === "mention" ? `${item.actorName} mentioned you in "${item.topicTitle}"` : `New post in "${item.topicTitle}"`),
  subjectDigest: (count: number) => `CO-OP community: ${count === 1 ? "1 update" : `${count} updates`} for you`,
  title: "News from the community",
  greeting: (name: string) => `Hello ${name},`,
  line: (item: Item) =>
    item.kind === "mention"
      ? `${item.actorName} mentioned you in the topic "${item.topicTitle}".`
      : item.kind === "reply"
        ? `${item.actorName} posted in the topic "${item.topicTitle}", which you watch.`
        : `${item.actorName} started the topic "${item.topicTitle}" in a category you watch.`,
  open: "Open the post",
  settings: "Choose how to receive notifications",
  unsubscribe: "Stop these emails",
  why: "You receive this email because you take part in the CO-OP community.",
};

const strings: Record<EmailLocale, typeof it> = { it, en };

export function subject(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  return data.digest || data.items.length !== 1 ? s.subjectDigest(data.items.length) : s.subjectOne(data.items[0]);
}

export function Email({ locale, data }: { locale: EmailLocale; data: Data }) {
  const s = strings[locale];
  return (
    <EmailLayout locale={locale} title={s.title}>
      <Paragraph>{s.greeting(data.name)}</Paragraph>
      {data.items.map((item, i) => (
        <div key={i}>
          <Paragraph>{s.line(item)}</Paragraph>
          <ActionLink locale={locale} href={item.url} label={s.open} />
        </div>
      ))}
      <Paragraph>{s.why}</Paragraph>
      <Paragraph>
        <a href={data.settingsUrl}>{s.settings}</a> · <a href={data.unsubscribeUrl}>{s.unsubscribe}</a>
      </Paragraph>
    </EmailLayout>
  );
}

export function text(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  const lines = [s.greeting(data.name), ""];
  for (const item of data.items) lines.push(s.line(item), `${s.open}: ${item.url}`, "");
  lines.push(s.why, `${s.settings}: ${data.settingsUrl}`, `${s.unsubscribe}: ${data.unsubscribeUrl}`, "", textFooter(locale));
  return lines.join("\n");
}
