// Limits and filters shown on the pages as well as enforced on the server (plain module: no .server).
export const CSV_MAX_BYTES = 256 * 1024;
export const CSV_MAX_ROWS = 500;
/** Accepted CSV header names (English first, then Italian); the header row itself is optional. */
export const INVITATION_CSV_HEADERS = [
  { key: "email", names: ["email", "e-mail", "mail", "indirizzo email", "posta elettronica"], required: true },
  { key: "name", names: ["name", "nome", "nome e cognome", "nominativo", "full name"], required: true },
  { key: "manager", names: ["manager", "responsabile", "referente", "gestore", "is manager"] },
  { key: "language", names: ["language", "lingua", "locale", "lang"] },
] as const;
/** The languages an invitation (its email, its page, the account it creates) can be in; the first is the default. */
export const INVITATION_LOCALES = ["it", "en"] as const;
export type InvitationLocale = (typeof INVITATION_LOCALES)[number];
export const INVITATION_FILTERS = ["open", "pending", "expired", "accepted", "revoked", "all"] as const;
export type InvitationFilter = (typeof INVITATION_FILTERS)[number];
