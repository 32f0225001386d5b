// Dates are stored in UTC and always shown in Italian time.
export const TIME_ZONE = "Europe/Rome";

const intlLocale = (locale: string) => (locale === "en" ? "en-GB" : "it-IT");

export function formatDate(date: Date | string, locale: string) {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "long", timeZone: TIME_ZONE }).format(new Date(date));
}

export function formatDateTime(date: Date | string, locale: string) {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(new Date(date));
}

/** The calendar day in Rome, as YYYY-MM-DD (e.g. for daily job keys and <input type=date>). */
export function romeDay(date: Date) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}
