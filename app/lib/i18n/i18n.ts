// i18next set up the same way on the server (one instance per request) and in the browser.
import i18next, { type i18n as I18n } from "i18next";
import { defaultLocale, namespaces, resources, type Locale } from "./resources.ts";

/**
 * A value missing from a translation with placeholders ("massimo {{max}} caratteri" without `max`)
 * must never show the raw "{{max}}" to a user (i18next keeps it by default): it becomes empty, and
 * the miss is reported so the caller gets fixed. Unit tests check every message this way.
 */
function withoutPlaceholder(text: string, match: RegExpExecArray | string[]) {
  if (typeof console !== "undefined") console.warn(`i18n: no value for ${match[0]} in "${text}"`);
  return "";
}

export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  // Resources are bundled, so initialisation is synchronous: no flash of untranslated keys.
  void instance.init({
    lng: locale,
    fallbackLng: defaultLocale,
    supportedLngs: ["it", "en"],
    resources,
    ns: namespaces,
    defaultNS: "common",
    interpolation: { escapeValue: false },
    missingInterpolationHandler: withoutPlaceholder,
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

const cache = new Map<Locale, I18n>();

/** A shared, read-only instance per language for server code that only translates. */
export function i18nFor(locale: Locale): I18n {
  let instance = cache.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    cache.set(locale, instance);
  }
  return instance;
}
