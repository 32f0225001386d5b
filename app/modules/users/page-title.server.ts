// The translated <title> of a page, so every page names itself in the browser tab and to
// screen readers (WCAG 2.4.2).
import { resolveLocale, translatorFor } from "~/lib/i18n/locale.server.ts";

export async function pageTitle(request: Request, userLocale: string | null | undefined, key: string, values?: Record<string, string>) {
  const t = translatorFor(await resolveLocale(request, userLocale));
  return `${t(key, values)} · CO-OP`;
}
