// Page titles from the translations (WCAG 2.4.2), in the language the page is shown in.
// Meta functions run on the server and in the browser, so the locale comes from the root
// loader's data (the same value that sets <html lang>) rather than from the request.
import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import { i18nFor } from "./i18n.ts";
import { defaultLocale, isLocale, type Locale } from "./resources.ts";

export const SITE_NAME = "CO-OP";

type Matches = MetaArgs["matches"];

export function localeFromMatches(matches: Matches | undefined): Locale {
  const root = matches?.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : defaultLocale;
}

/** "Accedi a CO-OP · CO-OP"-style title: the page's own name, then the site's. */
export function translatedTitle(locale: Locale, key: string, values?: Record<string, string | number>) {
  return `${i18nFor(locale).t(key, values)} · ${SITE_NAME}`;
}

/**
 * A meta function whose title is the translation of `key` (namespaced, e.g. "auth:login.title").
 * `values` may read the route's loader data (an organization's name); `extra` adds other tags.
 */
export function titleMeta<Data = unknown>(
  key: string | ((data: Data | undefined) => string),
  values?: (data: Data | undefined) => Record<string, string | number>,
  extra: MetaDescriptor[] = [],
) {
  return ({ data, matches }: { data: unknown; matches: Matches }): MetaDescriptor[] => {
    const typed = data as Data | undefined;
    const resolvedKey = typeof key === "function" ? key(typed) : key;
    return [{ title: translatedTitle(localeFromMatches(matches), resolvedKey, values?.(typed)) }, ...extra];
  };
}
