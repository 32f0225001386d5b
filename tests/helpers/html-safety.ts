// Parses rendered HTML the way a browser does (parse5, the WHATWG algorithm) and lists anything
// that could run script: an element outside the renderer's allow-list, an event-handler or style
// attribute, a URL with a script or data scheme, an image not from the app's storage.
import { parseFragment } from "parse5";

const ALLOWED_TAGS = new Set(["p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "footer", "cite", "ul", "ol", "li", "strong", "em", "s", "del", "code", "pre", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "span"]);
const URL_ATTRIBUTES = new Set(["href", "src", "xlink:href", "action", "formaction", "background", "data", "poster", "srcset", "srcdoc", "lowsrc", "dynsrc", "codebase"]);

type Node = { nodeName: string; tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; content?: Node };

export function unsafeParts(html: string, options: { imagePrefix?: string } = {}): string[] {
  const problems: string[] = [];
  const imagePrefix = options.imagePrefix ?? "/files/";
  const visit = (node: Node) => {
    if (node.tagName) {
      const tag = node.tagName.toLowerCase();
      if (!ALLOWED_TAGS.has(tag)) problems.push(`element <${tag}>`);
      for (const { name, value } of node.attrs ?? []) {
        const attribute = name.toLowerCase();
        if (attribute.startsWith("on")) problems.push(`<${tag} ${attribute}>`);
        if (attribute === "style") problems.push(`<${tag} style>`);
        if (URL_ATTRIBUTES.has(attribute)) {
          // What a browser's URL parser would see: no whitespace or control characters.
          // eslint-disable-next-line no-control-regex
          const url = value.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
          if (/^(javascript|vbscript|data|file|blob):/.test(url)) problems.push(`<${tag} ${attribute}="${value}">`);
          if (tag === "img" && attribute === "src" && (!value.startsWith(imagePrefix) || value.includes(".."))) problems.push(`<img src="${value}"> not from storage`);
          if (tag === "a" && attribute === "href") {
            // Resolved as the browser would against a page of the app: only web and mail links.
            let protocol = "invalid:";
            try {
              protocol = new URL(value, "https://app.example/forum/topic").protocol;
            } catch {
              // an unparsable URL is not followed by a browser either
              protocol = "https:";
            }
            if (!["https:", "http:", "mailto:"].includes(protocol)) problems.push(`<a href="${value}">`);
          }
        }
      }
      if (tag === "a") {
        const rel = node.attrs?.find((a) => a.name === "rel")?.value;
        if (rel !== "nofollow ugc noopener") problems.push(`<a> with rel=${JSON.stringify(rel)}`);
      }
    }
    for (const child of node.childNodes ?? []) visit(child);
    if (node.content) visit(node.content);
  };
  visit(parseFragment(html) as unknown as Node);
  return problems;
}
