import { templates, type TemplateName } from "../../emails/index.ts";
import { renderEmail } from "~/lib/mail/render.server.tsx";

// Summer time in Rome (UTC+2): 10:00 UTC is 12:00 in Italy.
const when = new Date("2026-07-01T10:00:00Z");

const samples: { [T in TemplateName]: { data: Parameters<(typeof templates)[T]["text"]>[1]; link?: string } } = {
  "password-reset": {
    data: { name: "Maria Rossi", resetUrl: "http://localhost:3000/reset-password/abc_DEF-123?x=1&y=2", expiresInMinutes: 60 },
    link: "http://localhost:3000/reset-password/abc_DEF-123?x=1&y=2",
  },
  invitation: {
    data: { inviterName: "Luca Bianchi", organizationName: "Comune di Trento", acceptUrl: "http://localhost:3000/invite/tok123", expiresAt: when, kit: "PLUS" },
    link: "http://localhost:3000/invite/tok123",
  },
  "enrolment-expiry": {
    data: { organizationName: "Comunità della Valle di Cembra", kitLabel: "Kit BASIC", endsAt: when, daysLeft: 7, pathwayUrl: "http://localhost:3000/enrolment" },
    link: "http://localhost:3000/enrolment",
  },
  "password-changed": { data: { name: "Maria Rossi", when } },
  webinar: {
    data: { kind: "registered", name: "Maria Rossi", title: "Accessibilità dei siti", startsAt: when, durationMinutes: 90, url: "http://localhost:3000/webinars/accessibilita" },
    link: "http://localhost:3000/webinars/accessibilita",
  },
  "webinar-signup": {
    data: { kind: "confirm", name: "Maria Rossi", title: "Dati aperti", startsAt: when, url: "http://localhost:3000/webinars/dati/signup/tok123", expiresInHours: 24 },
    link: "http://localhost:3000/webinars/dati/signup/tok123",
  },
  "survey-invitation": {
    data: { name: "Maria Rossi", surveyTitle: "Analisi dei bisogni formativi", surveyUrl: "http://localhost:3000/surveys/s1", closesAt: when, anonymous: true, reminder: false },
    link: "http://localhost:3000/surveys/s1",
  },
  "community-notifications": {
    data: {
      name: "Maria Rossi", digest: false, settingsUrl: "http://localhost:3000/community/notifications", unsubscribeUrl: "http://localhost:3000/community/unsubscribe/tok",
      items: [{ kind: "mention", actorName: "Luca Bianchi", topicTitle: "Piano triennale", url: "http://localhost:3000/community/t/abc?from=2#post-2" }],
    },
    link: "http://localhost:3000/community/t/abc?from=2#post-2",
  },
  "newsletter-confirm": { data: { confirmUrl: "http://localhost:3000/blog/newsletter/confirm/tok123" }, link: "http://localhost:3000/blog/newsletter/confirm/tok123" },
  "newsletter-post": {
    data: { kind: "digest", posts: [{ title: "Open data nei comuni", excerpt: "In breve.", url: "http://localhost:3000/blog/open-data" }], unsubscribeUrl: "http://localhost:3000/blog/newsletter/unsubscribe/x.y" },
    link: "http://localhost:3000/blog/open-data",
  },
  digest: {
    data: {
      name: "Maria Rossi", frequency: "WEEKLY", settingsUrl: "http://localhost:3000/account/digest", unsubscribeUrl: "http://localhost:3000/digest/unsubscribe/tok",
      sections: [{ key: "webinars.open", heading: { it: "Webinar a cui puoi iscriverti", en: "Webinars you may join" }, entries: [{ title: "Dati aperti", url: "http://localhost:3000/webinars/dati", startsAt: when, detail: "Online" }] }],
    },
    link: "http://localhost:3000/webinars/dati",
  },
  "lab-reminder": {
    data: { name: "Giulia Conti", labTitle: "Laboratorio Valle", labUrl: "http://localhost:3000/labs/lab1", tutorName: "Tommaso Tutor", days: 14 },
    link: "http://localhost:3000/labs/lab1",
  },
};

const names = Object.keys(templates) as TemplateName[];
const leftovers = /\bundefined\b|\bnull\b|\bNaN\b|\[object|\{\{|\}\}/;

describe("email templates", () => {
  it.each(names.flatMap((name) => (["it", "en"] as const).map((locale) => [name, locale] as const)))("%s renders in %s with subject, HTML and text", (name, locale) => {
    const { data, link } = samples[name];
    const email = renderEmail(name, locale, data as never);

    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.html.startsWith("<!DOCTYPE html><html lang=\"" + locale + "\">")).toBe(true);
    expect(email.html).toContain("CO-OP · FPA");
    expect(email.html).toContain("#0066cc");
    expect(email.html).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
    expect(email.html).toContain(`<title>`);
    for (const part of [email.subject, email.html, email.text]) expect(part).not.toMatch(leftovers);
    if (link) {
      // React escapes & in attributes; the link still resolves to the same address.
      expect(email.html).toContain(`href="${link.replaceAll("&", "&amp;")}"`);
      expect(email.text).toContain(link);
    }
  });

  it("says different things in Italian and English, with no strings left untranslated", () => {
    for (const name of names) {
      const italian = renderEmail(name, "it", samples[name].data as never);
      const english = renderEmail(name, "en", samples[name].data as never);
      expect(italian.subject).not.toBe(english.subject);
      const italianLines = new Set(italian.text.split("\n").filter((line) => line.length > 20 && !line.startsWith("http")));
      const shared = english.text.split("\n").filter((line) => italianLines.has(line));
      expect(shared).toEqual([]);
    }
  });

  it("tells the reset link works once and expires, and to ignore an unrequested email", () => {
    const it = renderEmail("password-reset", "it", samples["password-reset"].data);
    expect(it.text).toContain("una sola volta");
    expect(it.text).toContain("scade tra 60 minuti");
    expect(it.text).toMatch(/ignora questa email/);
    const en = renderEmail("password-reset", "en", samples["password-reset"].data);
    expect(en.text).toContain("works once and expires in 60 minutes");
    expect(en.text).toMatch(/did not ask.*ignore this email/);
  });

  it("shows dates in Italian time", () => {
    expect(renderEmail("password-changed", "it", { name: "Maria", when }).text).toContain("1 luglio 2026 alle ore 12:00");
    expect(renderEmail("password-changed", "en", { name: "Maria", when }).text).toContain("1 July 2026 at 12:00");
    expect(renderEmail("enrolment-expiry", "it", samples["enrolment-expiry"].data).subject).toBe("Il Kit BASIC scade tra 7 giorni");
    expect(renderEmail("invitation", "en", samples.invitation.data).text).toContain("The enrolment includes the PLUS kit (Pathway 3: online coaching, lab and Community Building platform).");
  });

  it("escapes what users typed into names", () => {
    const email = renderEmail("password-changed", "it", { name: "<script>alert(1)</script>", when });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;");
  });
});
