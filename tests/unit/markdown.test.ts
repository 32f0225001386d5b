// The markdown renderer: what authors get (formatting, links, storage images, mentions, quotes)
// and what attackers do not (the XSS corpus renders inert, checked by parsing the output as a
// browser would; tests/e2e/markdown.test.ts renders the same corpus in Chromium).
import { mentionsIn, renderMarkdown } from "~/lib/markdown/markdown.server.ts";
import { XSS_CORPUS } from "../fixtures/xss-corpus.ts";
import { unsafeParts } from "../helpers/html-safety.ts";

const people: Record<string, { href: string; label: string }> = { anna: { href: "/people/anna", label: "anna" } };
const render = (source: string) => renderMarkdown(source, { resolveMention: (handle) => people[handle.toLowerCase()] ?? null });

describe("markdown for authors", () => {
  it("formats text, lists, code and tables, with headings starting at h2", () => {
    const html = render("# Titolo\n\n**grassetto** e _corsivo_\n\n- uno\n- due\n\n```js\nconst a = 1 < 2;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |");
    expect(html).toContain("<h2>Titolo</h2>");
    expect(html).toContain("<strong>grassetto</strong> e <em>corsivo</em>");
    expect(html).toContain("<ul>\n<li>uno</li>");
    expect(html).toContain('<pre><code class="language-js">const a = 1 &lt; 2;\n</code></pre>');
    expect(html).toContain("<td>1</td>");
  });

  it("keeps typed HTML as visible text", () => {
    expect(render("Usa <b>grassetto</b>")).toBe("<p>Usa &lt;b&gt;grassetto&lt;/b&gt;</p>\n");
  });

  it("gives every link rel=nofollow ugc noopener and opens it in the same tab", () => {
    const html = render("[sito](https://www.example.org/pagina) e https://example.org/auto e <mailto:a@example.org>");
    expect(html).toContain('<a href="https://www.example.org/pagina" rel="nofollow ugc noopener">sito</a>');
    expect(html).toContain('<a href="https://example.org/auto" rel="nofollow ugc noopener">');
    expect(html).toContain('<a href="mailto:a@example.org" rel="nofollow ugc noopener">');
    expect(html).not.toContain("target=");
  });

  it("shows images from the app's storage and only the alternative text of any other", () => {
    expect(render("![Locandina](/files/blog/2026/11/abc)")).toBe('<p><img src="/files/blog/2026/11/abc" alt="Locandina" /></p>\n');
    expect(render("![Logo altrui](https://other.example/logo.png)")).toBe("<p>Logo altrui</p>\n");
    expect(render("![Su](//other.example/x.png)")).toBe("<p>Su</p>\n");
    expect(render("![Giù](/files/../secret)")).toBe("<p>Giù</p>\n");
  });

  it("links @mentions the caller resolved and leaves others and email addresses alone", () => {
    const html = render("Ciao @anna e @bruno, scrivi a mario@anna.example");
    expect(html).toContain('<a href="/people/anna" class="mention" rel="nofollow ugc noopener">@anna</a>');
    expect(html).toContain("e @bruno,");
    expect(html).toContain('<a href="mailto:mario@anna.example"');
    expect(mentionsIn("Ciao @anna e @bruno. `@codice` e mario@x.it\n```\n@blocco\n```")).toEqual(["anna", "bruno"]);
  });

  it("renders forum quotes with author and post, nested, and their markdown inside", () => {
    const html = render('[quote="Anna Bianchi" post=42]\nHo scritto *questo*\n[quote="Bruno"]\nE io questo\n[/quote]\n[/quote]\n\nRispondo.');
    expect(html).toBe(
      '<blockquote class="quote" data-post-id="42">\n<footer class="quote-author"><cite>Anna Bianchi</cite></footer>\n<p>Ho scritto <em>questo</em></p>\n' +
        '<blockquote class="quote">\n<footer class="quote-author"><cite>Bruno</cite></footer>\n<p>E io questo</p>\n</blockquote>\n</blockquote>\n<p>Rispondo.</p>\n',
    );
    // An unclosed quote is plain text.
    expect(render("[quote]\nsenza fine")).toBe("<p>[quote]<br />\nsenza fine</p>\n");
  });
});

describe("the XSS corpus", () => {
  it("has at least 100 payloads", () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(100);
  });

  it.each(XSS_CORPUS.map((payload, index) => [index, payload]))("payload %i renders inert: %s", (_index, payload) => {
    const html = render(payload as string);
    expect(unsafeParts(html)).toEqual([]);
  });

  it("the checker itself catches what it must (so an empty list means something)", () => {
    expect(unsafeParts('<img src=x onerror="alert(1)">')).toEqual(expect.arrayContaining(["<img onerror>", '<img src="x"> not from storage']));
    expect(unsafeParts('<a href=" jav&#x09;ascript:alert(1)" rel="nofollow ugc noopener">x</a>')).toHaveLength(2);
    expect(unsafeParts("<svg><script>alert(1)</script></svg>")).toEqual(["element <svg>", "element <script>"]);
    expect(unsafeParts('<a href="https://x.example">x</a>')).toEqual(['<a> with rel=undefined']);
  });
});
