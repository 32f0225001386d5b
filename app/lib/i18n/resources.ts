// Translations, one JSON file per namespace and language. Italian is the reference;
// English must have the same keys (tests/unit/i18n.test.ts checks it).
import itCommon from "../../locales/it/common.json";
import enCommon from "../../locales/en/common.json";
import itAuth from "../../locales/it/auth.json";
import enAuth from "../../locales/en/auth.json";
import itAdmin from "../../locales/it/admin.json";
import enAdmin from "../../locales/en/admin.json";
import itUsers from "../../locales/it/users.json";
import enUsers from "../../locales/en/users.json";
import itInvitations from "../../locales/it/invitations.json";
import enInvitations from "../../locales/en/invitations.json";
import itAudit from "../../locales/it/audit.json";
import enAudit from "../../locales/en/audit.json";
import itOrg from "../../locales/it/org.json";
import enOrg from "../../locales/en/org.json";
import itAccess from "../../locales/it/access.json";
import enAccess from "../../locales/en/access.json";
import itCsv from "../../locales/it/csv.json";
import enCsv from "../../locales/en/csv.json";
import itUploads from "../../locales/it/uploads.json";
import enUploads from "../../locales/en/uploads.json";
import itLive from "../../locales/it/live.json";
import enLive from "../../locales/en/live.json";
import itServer from "../../locales/it/server.json";
import enServer from "../../locales/en/server.json";
import itRequests from "../../locales/it/requests.json";
import enRequests from "../../locales/en/requests.json";
import itLegal from "../../locales/it/legal.json";
import enLegal from "../../locales/en/legal.json";
import itWebinars from "../../locales/it/webinars.json";
import enWebinars from "../../locales/en/webinars.json";
import itWebinarRoom from "../../locales/it/webinarRoom.json";
import enWebinarRoom from "../../locales/en/webinarRoom.json";
import itSurveys from "../../locales/it/surveys.json";
import enSurveys from "../../locales/en/surveys.json";
import itRecordings from "../../locales/it/recordings.json";
import enRecordings from "../../locales/en/recordings.json";
import itWebinarLive from "../../locales/it/webinarLive.json";
import enWebinarLive from "../../locales/en/webinarLive.json";
import itCommunity from "../../locales/it/community.json";
import enCommunity from "../../locales/en/community.json";
import itBlog from "../../locales/it/blog.json";
import enBlog from "../../locales/en/blog.json";
import itPathways from "../../locales/it/pathways.json";
import enPathways from "../../locales/en/pathways.json";
import itMonitoring from "../../locales/it/monitoring.json";
import enMonitoring from "../../locales/en/monitoring.json";
import itDigest from "../../locales/it/digest.json";
import enDigest from "../../locales/en/digest.json";
import itFiles from "../../locales/it/files.json";
import enFiles from "../../locales/en/files.json";
import itLabs from "../../locales/it/labs.json";
import enLabs from "../../locales/en/labs.json";

export const resources = {
  it: { common: itCommon, auth: itAuth, admin: itAdmin, users: itUsers, invitations: itInvitations, audit: itAudit, org: itOrg, access: itAccess, csv: itCsv, uploads: itUploads, server: itServer, requests: itRequests, legal: itLegal, live: itLive, webinars: itWebinars, webinarRoom: itWebinarRoom, surveys: itSurveys, recordings: itRecordings, webinarLive: itWebinarLive, community: itCommunity, blog: itBlog, pathways: itPathways, monitoring: itMonitoring, digest: itDigest, files: itFiles, labs: itLabs },
  en: { common: enCommon, auth: enAuth, admin: enAdmin, users: enUsers, invitations: enInvitations, audit: enAudit, org: enOrg, access: enAccess, csv: enCsv, uploads: enUploads, server: enServer, requests: enRequests, legal: enLegal, live: enLive, webinars: enWebinars, webinarRoom: enWebinarRoom, surveys: enSurveys, recordings: enRecordings, webinarLive: enWebinarLive, community: enCommunity, blog: enBlog, pathways: enPathways, monitoring: enMonitoring, digest: enDigest, files: enFiles, labs: enLabs },
} as const;

export const supportedLocales = ["it", "en"] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = "it";
export const namespaces = Object.keys(resources.it) as (keyof (typeof resources)["it"])[];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}
