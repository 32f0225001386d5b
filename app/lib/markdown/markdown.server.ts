// The one markdown renderer for descriptions, forum posts, blog posts and chat.
//
// Two lines of defence:
//  1. markdown-it with raw HTML OFF: "<script>" typed in a post is text, not markup, and its
//     own link validation already refuses javascript:, vbscript:, file: and data: links.
//  2. sanitize-html with an allow-list of tags, attributes, classes and URL schemes, run on
//     markdown-it's output, so a future plugin or a parser bug cannot smuggle markup through.
// Then the app's rules:
//  - every link gets rel="nofollow ugc noopener" (user content earns no search ranking, and a
//    linked page gets no handle on ours). Links open in the same tab: a new window the person
//    did not ask for is an accessibility problem (WCAG 3.2.5), and browsers offer "open in new
//    tab" to whoever wants one.
//  - images only from the app's own storage URLs (default prefix /files/); any other image is
//    replaced by its alternative text, so no post can make readers' browsers call another host.
//  - headings start at h2: the page's h1 is the page's.
//  - hooks: @mentions (the caller resolves names it has loaded, see mentionsIn) and forum quotes:
//        [quote="Anna Bianchi" post=123]
//        quoted *markdown*
//        [/quote]
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

// The rule signatures as markdown-it's rulers declare them.
type Parser = InstanceType<typeof MarkdownIt>;
type StateInline = Parameters<Parameters<Parser["inline"]["ruler"]["push"]>[1]>[0];
type StateBlock = Parameters<Parameters<Parser["block"]["ruler"]["push"]>[1]>[0];

export type Mention = { href: string; label: string };

export type RenderOptions = {
  /** Returns the link for a @handle, or null to leave the text as it is. */
  resolveMention?: (handle: string) => Mention | null;
  /** Path prefixes images may come from (same origin). */
  imagePrefixes?: readonly string[];
};

const DEFAULT_IMAGE_PREFIXES = ["/files/"];
export const LINK_REL = "nofollow ugc noopener";
const HANDLE = /^@([a-zA-Z0-9][a-zA-Z0-9._-]{1,39})/;
const MAX_QUOTE_DEPTH = 5;

type Env = { options: RenderOptions };

/** The @handles a text mentions (outside code), so the caller can load them before rendering. */
export function mentionsIn(source: string): string[] {
  const found = new Set<string>();
  const withoutCode = source.replace(/```[\s\S]*?```|`[^`\n]*`/g, " ");
  for (const match of withoutCode.matchAll(/(^|[^a-zA-Z0-9._@-])@([a-zA-Z0-9][a-zA-Z0-9._-]{1,39})/g)) found.add(match[2].replace(/[._-]+$/, ""));
  return [...found];
}

function mentionRule(state: StateInline, silent: boolean) {
  if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
  const before = state.pos > 0 ? state.src[state.pos - 1] : " ";
  if (/[a-zA-Z0-9._@-]/.test(before)) return false; // an email address, not a mention
  const match = HANDLE.exec(state.src.slice(state.pos));
  if (!match) return false;
  const handle = match[1].replace(/[._-]+$/, "");
  const resolve = (state.env as Env).options.resolveMention;
  const mention = resolve?.(handle);
  if (!mention) return false;
  if (!silent) {
    const open = state.push("link_open", "a", 1);
    open.attrs = [
      ["href", mention.href],
      ["class", "mention"],
    ];
    const text = state.push("text", "", 0);
    text.content = `@${mention.label}`;
    state.push("link_close", "a", -1);
  }
  state.pos += handle.length + 1;
  return true;
}

const QUOTE_OPEN = /^\[quote(?:="([^"\]\n]{1,80})")?(?:\s+post=(\d{1,12}))?\]\s*$/;
const QUOTE_CLOSE = /^\[\/quote\]\s*$/;

function quoteRule(state: StateBlock, startLine: number, endLine: number, silent: boolean) {
  const lineText = (line: number) => state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const open = QUOTE_OPEN.exec(lineText(startLine));
  if (!open) return false;
  // The matching [/quote], counting nested quotes.
  let depth = 1;
  let close = -1;
  for (let line = startLine + 1; line < endLine; line++) {
    const text = lineText(line);
    if (QUOTE_OPEN.test(text)) depth++;
    else if (QUOTE_CLOSE.test(text) && --depth === 0) {
      close = line;
      break;
    }
  }
  if (close < 0) return false;
  if (silent) return true;
  const level = ((state.env as { quoteDepth?: number }).quoteDepth ?? 0) + 1;
  const token = state.push("coop_quote_open", "blockquote", 1);
  token.block = true;
  token.map = [startLine, close + 1];
  token.meta = { author: open[1], post: open[2] };
  if (level <= MAX_QUOTE_DEPTH) {
    const oldParent = state.parentType;
    const oldLineMax = state.lineMax;
    (state.env as { quoteDepth?: number }).quoteDepth = level;
    state.parentType = "blockquote";
    state.lineMax = close;
    state.md.block.tokenize(state, startLine + 1, close);
    state.parentType = oldParent;
    state.lineMax = oldLineMax;
    (state.env as { quoteDepth?: number }).quoteDepth = level - 1;
  }
  state.push("coop_quote_close", "blockquote", -1).block = true;
  state.line = close + 1;
  return true;
}

function createParser() {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
  md.inline.ruler.after("emphasis", "coop_mention", mentionRule);
  md.block.ruler.before("fence", "coop_quote", quoteRule, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.renderer.rules.coop_quote_open = (tokens, index) => {
    const { author, post } = tokens[index].meta as { author?: string; post?: string };
    const attributes = post ? ` data-post-id="${md.utils.escapeHtml(post)}"` : "";
    const cite = author ? `<footer class="quote-author"><cite>${md.utils.escapeHtml(author)}</cite></footer>\n` : "";
    return `<blockquote class="quote"${attributes}>\n${cite}`;
  };
  md.renderer.rules.coop_quote_close = () => "</blockquote>\n";
  return md;
}

const parser = createParser();

function isAllowedImage(src: string, prefixes: readonly string[]) {
  // Same-origin paths only: no scheme, no "//host", no backslash tricks, no dot segments.
  if (!src.startsWith("/") || src.startsWith("//") || src.includes("\\")) return false;
  let path: string;
  try {
    path = decodeURIComponent(src.split(/[?#]/)[0]);
  } catch {
    return false;
  }
  if (path.split("/").some((segment) => segment === ".." || segment === ".")) return false;
  return prefixes.some((prefix) => path.startsWith(prefix));
}

function sanitizerOptions(imagePrefixes: readonly string[]): sanitizeHtml.IOptions {
  return {
    allowedTags: ["p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "footer", "cite", "ul", "ol", "li", "strong", "em", "s", "del", "code", "pre", "a", "img", "table", "thead", "tbody", "tr", "th", "td"],
    allowedAttributes: {
      a: ["href", "title", "rel", "class"],
      img: ["src", "alt", "title"],
      ol: ["start"],
      blockquote: ["class", "data-post-id"],
      footer: ["class"],
      code: ["class"],
      th: ["scope"],
    },
    allowedClasses: { a: ["mention"], blockquote: ["quote"], footer: ["quote-author"], code: ["language-*"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    // Anything else is dropped with its content when it is a script-like element, unwrapped otherwise.
    disallowedTagsMode: "discard",
    transformTags: {
      h1: "h2",
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: LINK_REL } }),
      img: (tagName, attribs) =>
        isAllowedImage(attribs.src ?? "", imagePrefixes)
          ? { tagName, attribs: { src: attribs.src, alt: attribs.alt ?? "", ...(attribs.title ? { title: attribs.title } : {}) } }
          : // Not from our storage: keep only the words.
            { tagName: "span", attribs: {}, text: attribs.alt ?? "" },
    },
  };
}

/** Markdown text to safe HTML, ready for dangerouslySetInnerHTML. */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  const env: Env = { options };
  const html = parser.render(source, env);
  return sanitizeHtml(html, sanitizerOptions(options.imagePrefixes ?? DEFAULT_IMAGE_PREFIXES));
}
