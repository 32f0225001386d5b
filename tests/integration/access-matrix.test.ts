/// <reference types="vite/client" />
// The route x actor matrix: every route's loader and action, called as each kind of actor, with
// the answer expected from the product rules (not from the code under test). Real records: the
// ids in URLs and form fields belong to real organizations, enrolments, invitations and accounts,
// including those of ANOTHER organization, so "a manager of org A acting on org B's invitation by
// id" is exercised, not only missing ids.
//
// HOW TO ADD A ROUTE (the test fails naming any route whose loader or action is missing here):
//   add one line to MATRIX below:  row("<route file name without .tsx>", "loader" | "action", "<8 outcomes>", input?)
//   - outcomes, one per actor in the column order of the header comment, separated by spaces:
//       200, 400, 403, 404, 409, 410 ... = that HTTP status
//       L   = a redirect to /login?redirectTo=... (signed-out visitor)
//       302 = any other redirect (e.g. the success redirect of an action)
//   - input (optional): { params: { id: "orgB" }, form: { intent: "resend", invitationId: "invitationB" } }
//       values that name a fixture (see FIXTURE NAMES) are replaced by that record's id.
//   An action row with no form posts an empty form: "valid but empty", which a permitted actor
//   should see refused with 400 (or 409 for a state conflict), never 500.
//   Several rows for the same route and kind are fine (e.g. own and foreign ids).
//
// Actors: visitor; member without organization; BASIC member; PLUS member (organization A);
// manager of organization A; manager of organization B ("another organization"); tutor; admin.
// One database per file; fixtures are created once and shared by every row. Actions get a fresh
// session per call, so an action that ends sessions (logout) cannot affect the next row.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/lib/db.server.ts";
import { hashCode } from "~/modules/certificates/certificates.server.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { createFromTemplateData } from "~/modules/surveys/builder.server.ts";
import { createSession } from "~/modules/labs/sessions.server.ts";
import { romeDay } from "~/lib/dates.ts";
import { trainingNeedsTemplate } from "~/modules/surveys/templates.ts";

type RouteModule = { loader?: (args: LoaderFunctionArgs) => unknown; action?: (args: ActionFunctionArgs) => unknown };
const modules = import.meta.glob<RouteModule>("../../app/routes/**/*.{ts,tsx}", { eager: true });

const ACTORS = ["visitor", "noOrg", "basic", "plus", "managerA", "managerB", "tutor", "admin"] as const;
type ActorName = (typeof ACTORS)[number];
type Kind = "loader" | "action";
type Input = { params?: Record<string, string>; form?: Record<string, string> };
type Row = { route: string; kind: Kind; expected: string[]; input: Input; line: string };

function row(route: string, kind: Kind, outcomes: string, input: Input = {}): Row {
  const expected = outcomes.trim().split(/\s+/);
  if (expected.length !== ACTORS.length) throw new Error(`${route} ${kind}: ${expected.length} outcomes for ${ACTORS.length} actors`);
  return { route, kind, expected, input, line: `${route} ${kind}${Object.keys(input).length ? ` ${JSON.stringify(input)}` : ""}` };
}

// prettier-ignore
const MATRIX: Row[] = [
  //  route                              kind      visitor noOrg basic plus mgrA mgrB tutor admin  input
  // ---- public pages ---------------------------------------------------------------------------------
  row("_index",                          "loader", "200 200 200 200 200 200 200 200"),
  row("login",                           "loader", "200 302 302 302 302 302 302 302"),
  row("login",                           "action", "400 400 400 400 400 400 400 400"),
  row("logout",                          "loader", "302 302 302 302 302 302 302 302"),
  row("logout",                          "action", "302 302 302 302 302 302 302 302"),
  row("language",                        "loader", "302 302 302 302 302 302 302 302"),
  row("language",                        "action", "302 302 302 302 302 302 302 302"),
  row("feedback",                        "loader", "200 200 200 200 200 200 200 200"),
  // live event streams: an unknown stream is 404 for everyone (a real stream stays open: tests/integration/events-sse.test.ts)
  row("events.$stream",                  "loader", "404 404 404 404 404 404 404 404", { params: { stream: "no-such-stream" } }),
  row("privacy",                         "loader", "200 200 200 200 200 200 200 200"),
  row("feedback",                        "action", "400 400 400 400 400 400 400 400"),
  row("forgot-password",                 "action", "400 400 400 400 400 400 400 400"),
  row("reset-password.$token",           "loader", "410 410 410 410 410 410 410 410", { params: { token: "unknownToken000000000000" } }),
  row("reset-password.$token",           "action", "410 410 410 410 410 410 410 410", { params: { token: "unknownToken000000000000" } }),
  row("invitations.$token",              "loader", "404 404 404 404 404 404 404 404", { params: { token: "unknownToken000000000000" } }),
  row("invitations.$token",              "action", "404 404 404 404 404 404 404 404", { params: { token: "unknownToken000000000000" } }),
  // ---- every signed-in user: own account, own pathway ---------------------------------------------
  row("account",                         "loader", "L 200 200 200 200 200 200 200"),
  row("account._index",                  "loader", "L 200 200 200 200 200 200 200"),
  row("account._index",                  "action", "L 400 400 400 400 400 400 400"),
  row("account.password",                "loader", "L 200 200 200 200 200 200 200"),
  row("account.password",                "action", "L 400 400 400 400 400 400 400"),
  row("account.sessions",                "loader", "L 200 200 200 200 200 200 200"),
  row("account.sessions",                "action", "L 400 400 400 400 400 400 400"),
  row("pathway",                         "loader", "L 200 200 200 200 200 200 200"),
  // ---- an organization's managers ---------------------------------------------------------------
  row("organization._index",             "loader", "L 403 403 403 200 200 403 403"),
  row("organization._index",             "action", "L 403 403 403 400 400 403 403"),
  // another organization's invitation, by id in a form field: only its own manager
  row("organization._index",             "action", "L 403 403 403 403 302 403 403", { form: { intent: "resend", invitationId: "invitationB" } }),
  row("organization._index",             "action", "L 403 403 403 403 403 403 403", { form: { intent: "revoke", invitationId: "staffInvitation" } }),
  // inviting into another organization (the address exists: an allowed inviter gets 409, nothing is sent)
  row("organization._index",             "action", "L 403 403 403 403 409 403 403", { form: { email: "taken@comune-b.example.it", name: "Già registrata", organizationId: "orgB" } }),
  row("organization.import",             "loader", "L 403 403 403 200 200 403 403"),
  row("organization.import",             "action", "L 403 403 403 400 400 403 403"),
  row("organization.import",             "action", "L 403 403 403 403 400 403 403", { form: { organizationId: "orgB" } }),
  // ---- staff: administration home, organizations and enrolments (tutors read) -------------------
  row("admin._index",                    "loader", "L 403 403 403 403 403 200 200"),
  row("admin.organizations._index",      "loader", "L 403 403 403 403 403 200 200"),
  row("admin.organizations.$id._index",  "loader", "L 403 403 403 403 403 200 200", { params: { id: "orgB" } }),
  row("admin.organizations.$id._index",  "loader", "L 403 403 403 403 403 404 404", { params: { id: "missing" } }),
  row("admin.organizations.new",         "loader", "L 403 403 403 403 403 403 200"),
  row("admin.organizations.new",         "action", "L 403 403 403 403 403 403 400"),
  row("admin.organizations.$id.edit",    "loader", "L 403 403 403 403 403 403 200", { params: { id: "orgB" } }),
  row("admin.organizations.$id.edit",    "action", "L 403 403 403 403 403 403 400", { params: { id: "orgB" } }),
  row("admin.organizations.$id.delete",  "loader", "L 403 403 403 403 403 403 200", { params: { id: "orgB" } }),
  // organization B has members and an enrolment: refused with the reason
  row("admin.organizations.$id.delete",  "action", "L 403 403 403 403 403 403 409", { params: { id: "orgB" } }),
  row("admin.organizations.import",      "loader", "L 403 403 403 403 403 403 200"),
  row("admin.organizations.import",      "action", "L 403 403 403 403 403 403 400"),
  row("admin.enrolments._index",         "loader", "L 403 403 403 403 403 200 200"),
  row("admin.enrolments.new",            "loader", "L 403 403 403 403 403 403 200"),
  row("admin.enrolments.new",            "action", "L 403 403 403 403 403 403 400"),
  row("admin.enrolments.$id._index",     "loader", "L 403 403 403 403 403 200 200", { params: { id: "enrolmentA" } }),
  row("admin.enrolments.$id._index",     "loader", "L 403 403 403 403 403 404 404", { params: { id: "missing" } }),
  // the tutor/admin boundary: tutors never change an enrolment or its micro-services
  row("admin.enrolments.$id._index",     "action", "L 403 403 403 403 403 403 400", { params: { id: "enrolmentA" } }),
  row("admin.enrolments.$id._index",     "action", "L 403 403 403 403 403 403 400", { params: { id: "enrolmentB" }, form: { intent: "service", service: "SITO", status: "ACTIVE", url: "notaurl" } }),
  row("admin.enrolments.$id._index",     "action", "L 403 403 403 403 403 403 400", { params: { id: "enrolmentB" }, form: { intent: "activate" } }),
  row("admin.enrolments.$id.cancel",     "loader", "L 403 403 403 403 403 403 200", { params: { id: "enrolmentB" } }),
  row("admin.enrolments.$id.cancel",     "action", "L 403 403 403 403 403 403 400", { params: { id: "enrolmentB" } }),
  row("admin.enrolments.$id.edit",       "loader", "L 403 403 403 403 403 403 200", { params: { id: "enrolmentB" } }),
  row("admin.enrolments.$id.edit",       "action", "L 403 403 403 403 403 403 400", { params: { id: "enrolmentB" } }),
  row("admin.enrolments.$id.upgrade",    "loader", "L 403 403 403 403 403 403 200", { params: { id: "enrolmentB" } }),
  row("admin.enrolments.$id.upgrade",    "action", "L 403 403 403 403 403 403 400", { params: { id: "enrolmentB" } }),
  // tutors read every enrolment, so a missing id is a 404 for them too (nothing is revealed)
  row("admin.enrolments.$id.upgrade",    "action", "L 403 403 403 403 403 404 404", { params: { id: "missing" } }),
  // ---- admins only: accounts, invitations, audit, feedback -----------------------------------------
  row("admin.users._index",              "loader", "L 403 403 403 403 403 403 200"),
  row("admin.users.new",                 "loader", "L 403 403 403 403 403 403 200"),
  row("admin.users.new",                 "action", "L 403 403 403 403 403 403 400"),
  row("admin.users.$userId",             "loader", "L 403 403 403 403 403 403 200", { params: { userId: "memberB" } }),
  row("admin.users.$userId",             "loader", "L 403 403 403 403 403 403 404", { params: { userId: "missing" } }),
  row("admin.users.$userId",             "action", "L 403 403 403 403 403 403 400", { params: { userId: "memberB" } }),
  // a member of another organization, by id: managers may not disable anyone (admins may not disable themselves: 409)
  row("admin.users.$userId",             "action", "L 403 403 403 403 403 403 409", { params: { userId: "admin" }, form: { intent: "disable" } }),
  row("admin.users.$userId",             "action", "L 403 403 403 403 403 403 400", { params: { userId: "memberB" }, form: { intent: "update" } }),
  row("admin.invitations._index",        "loader", "L 403 403 403 403 403 403 200"),
  row("admin.invitations._index",        "action", "L 403 403 403 403 403 403 400"),
  row("admin.invitations._index",        "action", "L 403 403 403 403 403 403 302", { form: { intent: "resend", invitationId: "invitationA" } }),
  row("admin.invitations.import",        "loader", "L 403 403 403 403 403 403 200"),
  row("admin.invitations.import",        "action", "L 403 403 403 403 403 403 400"),
  row("admin.audit",                     "loader", "L 403 403 403 403 403 403 200"),
  row("admin.feedback",                  "loader", "L 403 403 403 403 403 403 200"),
  row("admin.service-notice",            "loader", "L 403 403 403 403 403 403 200"),
  row("admin.service-notice",            "action", "L 403 403 403 403 403 403 400"),
  // ---- webinars ----
  // catalogue: public; a public webinar's page and calendar file: everyone; a draft: staff only (404 otherwise)
  row("webinars._index",                 "loader", "200 200 200 200 200 200 200 200"),
  row("webinars.$slug._index",           "loader", "200 200 200 200 200 200 200 200", { params: { slug: "webinarPublic" } }),
  row("webinars.$slug._index",           "loader", "404 404 404 404 404 404 200 200", { params: { slug: "webinarDraft" } }),
  row("webinars.$slug._index",           "loader", "404 404 404 404 404 404 404 404", { params: { slug: "no-such-webinar" } }),
  // registering for a PLUS-only webinar: members of a PLUS organization (A) and staff; BASIC and no organization refused with the reason
  row("webinars.$slug._index",           "action", "L 403 403 302 302 403 302 302", { params: { slug: "webinarPlus" }, form: { intent: "register" } }),
  row("webinars.$slug._index",           "action", "L 400 400 400 400 400 400 400", { params: { slug: "webinarPublic" } }),
  row("webinars.$slug._index",           "action", "L 404 404 404 404 404 409 409", { params: { slug: "webinarDraft" }, form: { intent: "register" } }),
  row("webinars.$slug.ics",              "loader", "200 200 200 200 200 200 200 200", { params: { slug: "webinarPublic" } }),
  row("webinars.$slug.ics",              "loader", "404 404 404 404 404 404 200 200", { params: { slug: "webinarDraft" } }),
  row("webinars.$slug.materials.$id",    "loader", "L 404 404 404 404 404 404 404", { params: { slug: "webinarPlus", id: "missing" } }),
  // scheduling: staff only
  row("webinars.new",                    "loader", "L 403 403 403 403 403 200 200"),
  row("webinars.new",                    "action", "L 403 403 403 403 403 400 400"),
  row("webinars.$slug.edit",             "loader", "L 403 403 403 403 403 200 200", { params: { slug: "webinarDraft" } }),
  row("webinars.$slug.edit",             "loader", "L 403 403 403 403 403 404 404", { params: { slug: "no-such-webinar" } }),
  row("webinars.$slug.edit",             "action", "L 403 403 403 403 403 400 400", { params: { slug: "webinarDraft" } }),
  row("webinars.$slug.materials",        "loader", "L 403 403 403 403 403 302 302", { params: { slug: "webinarDraft" } }),
  row("webinars.$slug.materials",        "action", "L 403 403 403 403 403 400 400", { params: { slug: "webinarDraft" } }),
  // personal calendar feed: own account; an unknown token is 404 for everyone
  row("account.calendar",                "loader", "L 200 200 200 200 200 200 200"),
  row("account.calendar",                "action", "L 400 400 400 400 400 400 400"),
  row("calendar.$token",                 "loader", "404 404 404 404 404 404 404 404", { params: { token: "unknownToken000000000000.ics" } }),
  // self-registration: a visitor may ask only where a public webinar is opened to it; the emailed link (unknown here: 404)
  row("webinars.$slug._index",           "action", "404 400 400 400 400 400 400 400", { params: { slug: "webinarPublic" }, form: { intent: "signup" } }),
  row("webinars.$slug.signup.$token",    "loader", "404 404 404 404 404 404 404 404", { params: { slug: "webinarPublic", token: "unknownToken000000000000" } }),
  row("webinars.$slug.signup.$token",    "action", "404 404 404 404 404 404 404 404", { params: { slug: "webinarPublic", token: "unknownToken000000000000" } }),
  // ---- webinar live room (LiveKit not configured here: joining and host actions answer 409 to those allowed) ----
  row("webinars.$slug.room",             "loader", "L 200 200 200 200 200 200 200", { params: { slug: "matrix-room-public" } }),
  row("webinars.$slug.room",             "loader", "L 403 403 200 200 403 200 200", { params: { slug: "matrix-room-plus" } }),
  row("webinars.$slug.room",             "loader", "L 404 404 404 404 404 200 200", { params: { slug: "matrix-room-draft" } }),
  row("webinars.$slug.room",             "loader", "L 404 404 404 404 404 404 404", { params: { slug: "no-such-webinar" } }),
  row("webinars.$slug.room",             "action", "L 400 400 400 400 400 400 400", { params: { slug: "matrix-room-public" } }),
  row("webinars.$slug.room",             "action", "L 409 409 409 409 409 409 409", { params: { slug: "matrix-room-public" }, form: { intent: "join" } }),
  row("webinars.$slug.room",             "action", "L 403 403 409 409 403 409 409", { params: { slug: "matrix-room-plus" }, form: { intent: "join" } }),
  row("webinars.$slug.room",             "action", "L 403 403 403 403 403 409 409", { params: { slug: "matrix-room-public" }, form: { intent: "promote", identity: "memberB" } }),
  row("webinars.$slug.room",             "action", "L 403 403 403 403 403 409 409", { params: { slug: "matrix-room-public" }, form: { intent: "remove", identity: "memberB" } }),
  row("webinars.$slug.room",             "action", "L 403 403 403 403 403 409 409", { params: { slug: "matrix-room-public" }, form: { intent: "record-start" } }),
  row("webinars.$slug.room",             "action", "L 403 403 403 403 403 409 409", { params: { slug: "matrix-room-public" }, form: { intent: "record-stop" } }),
  // device and network check: whoever may attend, at any time; the probe serves and accepts bounded samples
  row("webinars.$slug.check",            "loader", "L 200 200 200 200 200 200 200", { params: { slug: "matrix-room-public" } }),
  row("webinars.$slug.check",            "loader", "L 403 403 200 200 403 200 200", { params: { slug: "matrix-room-plus" } }),
  row("webinars.$slug.check",            "loader", "L 404 404 404 404 404 200 200", { params: { slug: "matrix-room-draft" } }),
  row("webinars.$slug.check.probe",      "loader", "L 403 403 200 200 403 200 200", { params: { slug: "matrix-room-plus" } }),
  row("webinars.$slug.check.probe",      "action", "L 403 403 200 200 403 200 200", { params: { slug: "matrix-room-plus" } }),
  row("webinars.$slug.check.probe",      "action", "L 404 404 404 404 404 404 404", { params: { slug: "no-such-webinar" } }),
  // LiveKit webhooks: signed by LiveKit or refused, whoever sends them (tests/integration/webinar-live-webhooks.test.ts)
  row("webhooks.livekit",                "loader", "405 405 405 405 405 405 405 405"),
  row("webhooks.livekit",                "action", "401 401 401 401 401 401 401 401"),
  // ---- surveys ----------------------------------------------------------------------------------
  // members answer the surveys whose audience includes them (the training-needs analysis: PLUS); staff build them
  row("surveys._index",                  "loader", "L 200 200 200 200 200 403 403"),
  row("surveys.$id",                     "loader", "L 403 403 200 200 403 403 403", { params: { id: "surveyPlus" } }),
  row("surveys.$id",                     "action", "L 403 403 400 400 403 403 403", { params: { id: "surveyPlus" } }),
  row("surveys.$id",                     "loader", "L 403 403 403 403 403 403 403", { params: { id: "surveyDraft" } }),
  row("surveys.$id",                     "loader", "L 404 404 404 404 404 403 403", { params: { id: "no-such-survey" } }),
  row("surveys.manage._index",           "loader", "L 403 403 403 403 403 200 200"),
  row("surveys.manage._index",           "action", "L 403 403 403 403 403 400 400"),
  row("surveys.manage.$id._index",       "loader", "L 403 403 403 403 403 200 200", { params: { id: "surveyPlus" } }),
  row("surveys.manage.$id._index",       "action", "L 403 403 403 403 403 400 400", { params: { id: "surveyDraft" } }),
  row("surveys.manage.$id._index",       "loader", "L 403 403 403 403 403 404 404", { params: { id: "no-such-survey" } }),
  row("surveys.manage.$id.preview",      "loader", "L 403 403 403 403 403 200 200", { params: { id: "surveyDraft" } }),
  row("surveys.manage.$id.results",      "loader", "L 403 403 403 403 403 200 200", { params: { id: "surveyPlus" } }),
  row("surveys.manage.$id.results",      "loader", "L 403 403 403 403 403 404 404", { params: { id: "no-such-survey" } }),
  row("surveys.manage.$id.export",       "loader", "L 403 403 403 403 403 200 200", { params: { id: "surveyPlus" } }),
  row("surveys.manage.webinars.$webinarId", "loader", "L 403 403 403 403 403 404 404", { params: { webinarId: "no-such-webinar" } }),
  // ---- recordings, attendance report, certificates, training ledger (issue 10) ----------------------
  // matrixWebinar: ENDED, PUBLIC; seeing it needs the recordings entitlement (BASIC and PLUS have it)
  row("webinars.$slug.report._index",    "loader", "L 404 403 403 403 403 200 200", { params: { slug: "matrixWebinarSlug" } }),
  row("webinars.$slug.report._index",    "loader", "L 404 404 404 404 404 404 404", { params: { slug: "missing" } }),
  row("webinars.$slug.report.csv",       "loader", "L 404 403 403 403 403 200 200", { params: { slug: "matrixWebinarSlug" } }),
  row("verify.$code",                    "loader", "404 404 404 404 404 404 404 404", { params: { code: "AAAA-BBBB-CCCC" } }),
  row("verify.$code",                    "loader", "200 200 200 200 200 200 200 200", { params: { code: "matrixCertificateCode" } }),
  // nobody attended matrixWebinar: no certificate to give, nothing revealed
  row("account.training.certificates.$webinarId", "loader", "L 404 404 404 404 404 404 404", { params: { webinarId: "matrixWebinar" } }),
  row("account.training._index",         "loader", "L 200 200 200 200 200 200 200"),
  row("account.training.attestation",    "loader", "L 200 200 200 200 200 200 200"),
  row("organization.training._index",    "loader", "L 403 403 403 200 200 403 403"),
  row("organization.training.csv",       "loader", "L 403 403 403 200 200 403 403"),
  row("admin.training._index",           "loader", "L 403 403 403 403 403 403 200"),
  row("admin.training.csv",              "loader", "L 403 403 403 403 403 403 200"),
  // the replay: audience (public) AND the recordings entitlement (the member without organization has none)
  row("webinars.$slug.recording._index", "loader", "L 403 200 200 200 200 200 200", { params: { slug: "matrixWebinarSlug" } }),
  row("webinars.$slug.recording._index", "loader", "L 404 404 404 404 404 404 404", { params: { slug: "missing" } }),
  // managing recordings: staff and the webinar's hosts (an empty form names no recording: 400)
  row("webinars.$slug.recording._index", "action", "L 404 403 403 403 403 400 400", { params: { slug: "matrixWebinarSlug" } }),
  row("webinars.$slug.recording.$id.video", "loader", "L 403 404 404 404 404 404 404", { params: { slug: "matrixWebinarSlug", id: "missing" } }),
  row("webinars.$slug.recording.$id.captions", "loader", "L 403 404 404 404 404 404 404", { params: { slug: "matrixWebinarSlug", id: "missing" } }),
  row("webinars.$slug.recording.$id.heartbeat", "action", "L 403 404 404 404 404 404 404", { params: { slug: "matrixWebinarSlug", id: "missing" } }),
  // ---- webinar live page (chat, Q&A, polls, assistance) ----------------------------------------------
  // a live PLUS-only webinar: PLUS members of organization A and staff; others are told why (403)
  row("webinars.$slug.live",             "loader", "L 403 403 200 200 403 200 200", { params: { slug: "livePlusWebinar" } }),
  row("webinars.$slug.live",             "action", "L 403 403 400 400 403 400 400", { params: { slug: "livePlusWebinar" } }),
  row("webinars.$slug.live",             "action", "L 403 403 400 400 403 400 400", { params: { slug: "livePlusWebinar" }, form: { intent: "chat", message: "" } }),
  // moderation: attendees are refused; staff find no such message
  row("webinars.$slug.live",             "action", "L 403 403 403 403 403 404 404", { params: { slug: "livePlusWebinar" }, form: { intent: "hide", id: "missing" } }),
  // a draft is not announced to members; an ended public webinar is the read-only archive
  row("webinars.$slug.live",             "loader", "L 404 404 404 404 404 200 200", { params: { slug: "liveDraftWebinar" } }),
  row("webinars.$slug.live",             "loader", "L 200 200 200 200 200 200 200", { params: { slug: "liveEndedWebinar" } }),
  row("webinars.$slug.live",             "action", "L 409 409 409 409 409 409 409", { params: { slug: "liveEndedWebinar" }, form: { intent: "chat", message: "ciao" } }),
  row("webinars.$slug.live",             "loader", "L 404 404 404 404 404 404 404", { params: { slug: "no-such-webinar" } }),
  // the Q&A export: the webinar's staff only
  row("webinars.$slug.live.questions[.]csv", "loader", "L 403 403 403 403 403 200 200", { params: { slug: "livePlusWebinar" } }),
  // ---- community (issue 11): PLUS members (org A) and staff; staff-only ids are 404 for members --
  row("community._index",                "loader", "L 403 403 200 200 403 200 200"),
  row("community.c.$categoryId",         "loader", "L 403 403 200 200 403 200 200", { params: { categoryId: "communityCategory" } }),
  row("community.c.$categoryId",         "loader", "L 403 403 404 404 403 200 200", { params: { categoryId: "staffCategory" } }),
  row("community.c.$categoryId",         "action", "L 403 403 400 400 403 400 400", { params: { categoryId: "communityCategory" } }),
  row("community.c.$categoryId",         "action", "L 403 403 404 404 403 400 400", { params: { categoryId: "staffCategory" } }),
  row("community.t.$topicId",            "loader", "L 403 403 200 200 403 200 200", { params: { topicId: "communityTopic" } }),
  row("community.t.$topicId",            "loader", "L 403 403 404 404 403 200 200", { params: { topicId: "staffTopic" } }),
  row("community.t.$topicId",            "action", "L 403 403 400 400 403 400 400", { params: { topicId: "communityTopic" } }),
  row("community.t.$topicId",            "action", "L 403 403 404 404 403 400 400", { params: { topicId: "staffTopic" } }),
  row("community.t.$topicId",            "action", "L 403 403 403 403 403 302 302", { params: { topicId: "communityTopic" }, form: { intent: "unpin" } }),
  row("community.p.$postId.edit",        "loader", "L 403 403 404 404 403 200 200", { params: { postId: "communityPost" } }),
  row("community.p.$postId.edit",        "loader", "L 403 403 404 404 403 200 200", { params: { postId: "staffPost" } }),
  row("community.p.$postId.edit",        "action", "L 403 403 404 404 403 400 400", { params: { postId: "communityPost" } }),
  row("community.categories",            "loader", "L 403 403 403 403 403 403 200"),
  row("community.categories",            "action", "L 403 403 403 403 403 403 400"),
  row("community.categories.$categoryId", "loader", "L 403 403 403 403 403 403 200", { params: { categoryId: "staffCategory" } }),
  row("community.categories.$categoryId", "action", "L 403 403 403 403 403 403 400", { params: { categoryId: "staffCategory" } }),
  row("community.notifications",         "loader", "L 403 403 200 200 403 200 200"),
  row("community.notifications",         "action", "L 403 403 400 400 403 400 400"),
  row("community.search",                "loader", "L 403 403 200 200 403 200 200"),
  row("community.review",                "loader", "L 403 403 403 403 403 200 200"),
  row("community.review",                "action", "L 403 403 403 403 403 400 400"),
  row("community.unsubscribe.$token",    "loader", "404 404 404 404 404 404 404 404", { params: { token: "unknownToken000000000000" } }),
  row("community.unsubscribe.$token",    "action", "404 404 404 404 404 404 404 404", { params: { token: "unknownToken000000000000" } }),
  // ---- community file area (issue 11): the forum's visibility; staff-only and deleted ids are 404 for members --
  row("forum",                           "loader", "301 301 301 301 301 301 301 301"),
  row("files._index",                    "loader", "L 403 403 200 200 403 200 200"),
  row("files._index",                    "action", "L 403 403 403 403 403 403 400"),
  row("files.$folderId",                 "loader", "L 403 403 200 200 403 200 200", { params: { folderId: "communityFolder" } }),
  row("files.$folderId",                 "loader", "L 403 403 404 404 403 200 200", { params: { folderId: "staffFolder" } }),
  row("files.$folderId",                 "action", "L 403 403 400 400 403 400 400", { params: { folderId: "communityFolder" } }),
  row("files.$folderId",                 "action", "L 403 403 404 404 403 400 400", { params: { folderId: "staffFolder" } }),
  row("files.$folderId",                 "action", "L 403 403 403 403 403 403 400", { params: { folderId: "communityFolder" }, form: { intent: "folder" } }),
  row("files.$folderId_.edit",           "loader", "L 403 403 403 403 403 200 200", { params: { folderId: "communityFolder" } }),
  row("files.$folderId_.edit",           "loader", "L 403 403 404 404 403 200 200", { params: { folderId: "staffFolder" } }),
  row("files.$folderId_.edit",           "action", "L 403 403 403 403 403 400 400", { params: { folderId: "communityFolder" } }),
  row("files.$folderId_.edit",           "action", "L 403 403 404 404 403 400 400", { params: { folderId: "staffFolder" } }),
  row("files.$folderId_.edit",           "action", "L 403 403 403 403 403 302 302", { params: { folderId: "communityFolder" }, form: { intent: "save", name: "Matrice file", visibility: "COMMUNITY", position: "0" } }),
  row("files.$folderId_.edit",           "action", "L 403 403 404 404 403 409 409", { params: { folderId: "staffFolder" }, form: { intent: "delete" } }),
  row("files.deleted",                   "loader", "L 403 403 403 403 403 403 200"),
  row("files.deleted",                   "action", "L 403 403 403 403 403 403 400"),
  // restoring a file that is not deleted: nothing to restore
  row("files.deleted",                   "action", "L 403 403 403 403 403 403 404", { form: { fileId: "communityFile" } }),
  row("files.file.$fileId._index",       "loader", "L 403 403 200 200 403 200 200", { params: { fileId: "communityFile" } }),
  row("files.file.$fileId._index",       "loader", "L 403 403 404 404 403 200 200", { params: { fileId: "staffFile" } }),
  row("files.file.$fileId._index",       "loader", "L 403 403 404 404 403 404 200", { params: { fileId: "deletedFile" } }),
  row("files.file.$fileId._index",       "action", "L 403 403 400 400 403 400 400", { params: { fileId: "communityFile" } }),
  row("files.file.$fileId._index",       "action", "L 403 403 404 404 403 400 400", { params: { fileId: "staffFile" } }),
  // the version's object is not in this test's storage: those allowed get 404 from the download helper
  row("files.file.$fileId.v.$number",    "loader", "L 403 403 404 404 403 404 404", { params: { fileId: "communityFile", number: "99" } }),
  row("files.file.$fileId.v.$number",    "loader", "L 403 403 404 404 403 404 404", { params: { fileId: "staffFile", number: "1" } }),
  // another's file: members may not delete it (403 with the reason); the tutor deletes it, then the
  // admin finds it deleted (403) and restores it (members no longer see it: 404)
  row("files.file.$fileId._index",       "action", "L 403 403 403 403 403 302 403", { params: { fileId: "communityFile" }, form: { intent: "delete" } }),
  row("files.file.$fileId._index",       "action", "L 403 403 404 404 403 404 302", { params: { fileId: "communityFile" }, form: { intent: "restore" } }),
  // ---- blog ----
  row("blog._index",                     "loader", "200 200 200 200 200 200 200 200"),
  row("blog.$slug",                      "loader", "200 200 200 200 200 200 200 200", { params: { slug: "matrice-pubblicato" } }),
  // a draft is not public, whoever asks (its editors use the preview)
  row("blog.$slug",                      "loader", "404 404 404 404 404 404 404 404", { params: { slug: "matrice-bozza" } }),
  row("blog.tag.$tag",                   "loader", "200 200 200 200 200 200 200 200", { params: { tag: "matrice" } }),
  row("blog.tag.$tag",                   "loader", "404 404 404 404 404 404 404 404", { params: { tag: "solo-bozze" } }),
  row("blog.author.$id",                 "loader", "200 200 200 200 200 200 200 200", { params: { id: "blogAuthor" } }),
  row("blog.author.$id",                 "loader", "404 404 404 404 404 404 404 404", { params: { id: "admin" } }),
  row("blog.rss[.]xml",                  "loader", "200 200 200 200 200 200 200 200"),
  row("blog.atom[.]xml",                 "loader", "200 200 200 200 200 200 200 200"),
  row("sitemap[.]xml",                   "loader", "200 200 200 200 200 200 200 200"),
  row("robots[.]txt",                    "loader", "200 200 200 200 200 200 200 200"),
  row("blog.images.$id.($width)",        "loader", "404 404 404 404 404 404 404 404", { params: { id: "missing" } }),
  row("blog.manage._index",              "loader", "L 403 403 403 403 403 200 200"),
  row("blog.manage.new",                 "loader", "L 403 403 403 403 403 200 200"),
  row("blog.manage.new",                 "action", "L 403 403 403 403 403 400 400"),
  row("blog.manage.images",              "loader", "L 403 403 403 403 403 200 200"),
  row("blog.manage.images",              "action", "L 403 403 403 403 403 400 400"),
  // the tutor's own post; an admin's draft (a tutor edits only their own); a missing id
  row("blog.manage.$id._index",          "loader", "L 403 403 403 403 403 200 200", { params: { id: "blogPublished" } }),
  row("blog.manage.$id._index",          "loader", "L 403 403 403 403 403 403 200", { params: { id: "blogDraft" } }),
  row("blog.manage.$id._index",          "loader", "L 403 403 403 403 403 404 404", { params: { id: "missing" } }),
  row("blog.manage.$id._index",          "action", "L 403 403 403 403 403 400 400", { params: { id: "blogPublished" } }),
  row("blog.manage.$id._index",          "action", "L 403 403 403 403 403 403 302", { params: { id: "blogDraft" }, form: { intent: "unpublish" } }),
  row("blog.manage.$id.preview",         "loader", "L 403 403 403 403 403 403 200", { params: { id: "blogDraft" } }),
  // newsletter: public subscription and token pages; staff send; admins see, export and erase subscribers
  row("blog.newsletter._index",          "action", "400 400 400 400 400 400 400 400"),
  row("blog.newsletter.confirm.$token",  "loader", "410 410 410 410 410 410 410 410", { params: { token: "unknownToken000000000000" } }),
  row("blog.newsletter.confirm.$token",  "action", "410 410 410 410 410 410 410 410", { params: { token: "unknownToken000000000000" } }),
  row("blog.newsletter.unsubscribe.$token", "loader", "404 404 404 404 404 404 404 404", { params: { token: "unknownToken000000000000" } }),
  row("blog.newsletter.unsubscribe.$token", "action", "404 404 404 404 404 404 404 404", { params: { token: "unknownToken000000000000" } }),
  row("blog.manage.newsletter",          "loader", "L 403 403 403 403 403 200 200"),
  row("blog.manage.newsletter",          "action", "L 403 403 403 403 403 400 400"),
  row("blog.manage.newsletter",          "action", "L 403 403 403 403 403 403 400", { form: { intent: "remove" } }),
  row("blog.manage.newsletter.export",   "loader", "L 403 403 403 403 403 403 200"),
  // ---- pathways and Open Badges (docs/decisions/0020): staff define, admins revoke, JSON-LD public ----
  row("admin.pathways._index",           "loader", "L 403 403 403 403 403 200 200"),
  row("admin.pathways._index",           "action", "L 403 403 403 403 403 400 400"),
  row("admin.pathways.$id",              "loader", "L 403 403 403 403 403 200 200", { params: { id: "matrixPathway" } }),
  row("admin.pathways.$id",              "loader", "L 403 403 403 403 403 404 404", { params: { id: "missing" } }),
  row("admin.pathways.$id",              "action", "L 403 403 403 403 403 403 400", { params: { id: "matrixPathway" } }),
  row("badges.assertions.$id",           "loader", "200 200 200 200 200 200 200 200", { params: { id: "matrixBadge" } }),
  row("badges.assertions.$id",           "loader", "404 404 404 404 404 404 404 404", { params: { id: "missing" } }),
  row("badges.assertions.$id_.view",     "loader", "200 200 200 200 200 200 200 200", { params: { id: "matrixBadge" } }),
  row("badges.assertions.$id_.view",     "loader", "404 404 404 404 404 404 404 404", { params: { id: "missing" } }),
  row("badges.classes.$id",              "loader", "200 200 200 200 200 200 200 200", { params: { id: "matrixPathway" } }),
  row("badges.classes.$id",              "loader", "404 404 404 404 404 404 404 404", { params: { id: "missing" } }),
  row("badges.issuer",                   "loader", "200 200 200 200 200 200 200 200"),
  // ---- monitoring (issue 14): admins, tutors (their labs' organizations) and managers, each in their scope;
  // an organization outside the scope in the query string is 404 (tests/integration/monitoring.test.ts)
  row("monitoring._index",               "loader", "L 403 403 403 200 200 200 200"),
  row("monitoring.csv",                  "loader", "L 403 403 403 200 200 200 200"),
  row("monitoring.report[.]pdf",         "loader", "L 403 403 403 200 200 200 200"),
  // ---- one digest, one calendar (issue 14): everyone signed in chooses; the unsubscribe link works signed out
  row("account.digest",                  "loader", "L 200 200 200 200 200 200 200"),
  row("account.digest",                  "action", "L 400 400 400 400 400 400 400"),
  row("account.digest",                  "action", "L 302 302 302 302 302 302 302", { form: { frequency: "DAILY" } }),
  row("digest.unsubscribe.$token",       "loader", "404 404 404 404 404 404 404 404", { params: { token: "unknownToken000000000000" } }),
  row("digest.unsubscribe.$token",       "action", "404 404 404 404 404 404 404 404", { params: { token: "unknownToken000000000000" } }),
  // ---- labs (issue 14): labA's cohort is organization A (PLUS), its tutor the matrix tutor ----------
  // one sees a lab as staff, its tutor or member, or a person of a cohort organization (to join); else 404
  row("labs._index",                     "loader", "L 200 200 200 200 200 200 200"),
  row("labs.new",                        "loader", "L 403 403 403 403 403 403 200"),
  row("labs.new",                        "action", "L 403 403 403 403 403 403 400"),
  row("labs.$id._index",                 "loader", "L 404 404 200 200 404 200 200", { params: { id: "labA" } }),
  row("labs.$id._index",                 "loader", "L 404 404 404 404 404 404 404", { params: { id: "no-such-lab" } }),
  row("labs.$id._index",                 "action", "L 404 404 400 400 404 400 400", { params: { id: "labA" } }),
  // managing people: the lab's tutors and admins (an empty choice is a 400)
  row("labs.$id._index",                 "action", "L 404 404 403 403 404 400 400", { params: { id: "labA" }, form: { intent: "addMember", userId: "" } }),
  row("labs.$id._index",                 "action", "L 404 404 403 403 404 403 400", { params: { id: "labA" }, form: { intent: "addTutor", userId: "" } }),
  // joining: people of a cohort organization (staff are not members of organizations)
  row("labs.$id._index",                 "action", "L 404 404 302 302 404 403 403", { params: { id: "labJoin" }, form: { intent: "join" } }),
  row("labs.$id.edit",                   "loader", "L 404 404 403 403 404 403 200", { params: { id: "labA" } }),
  row("labs.$id.edit",                   "action", "L 404 404 403 403 404 403 400", { params: { id: "labA" } }),
  // the quiet members and their reminders: the lab's tutors and admins
  row("labs.$id.quiet",                  "loader", "L 404 404 403 403 404 200 200", { params: { id: "labA" } }),
  row("labs.$id.quiet",                  "action", "L 404 404 403 403 404 400 400", { params: { id: "labA" } }),
  // activities: the lab's tutors and admins set them and comment; members of the lab hand in (the matrix's PLUS member only sees labA)
  row("labs.$id.activities.new",         "loader", "L 404 404 403 403 404 200 200", { params: { id: "labA" } }),
  row("labs.$id.activities.new",         "action", "L 404 404 403 403 404 400 400", { params: { id: "labA" } }),
  row("labs.$id.activities.$activityId._index", "loader", "L 404 404 200 200 404 200 200", { params: { id: "labA", activityId: "labAActivity" } }),
  row("labs.$id.activities.$activityId._index", "action", "L 404 404 403 403 404 403 403", { params: { id: "labA", activityId: "labAActivity" } }),
  row("labs.$id.activities.$activityId._index", "action", "L 404 404 403 403 404 400 400", { params: { id: "labA", activityId: "labAActivity" }, form: { intent: "review" } }),
  row("labs.$id.activities.$activityId._index", "loader", "L 404 404 404 404 404 404 404", { params: { id: "labA", activityId: "no-such-activity" } }),
  row("labs.$id.activities.$activityId.files.$submissionId", "loader", "L 404 404 404 404 404 404 404", { params: { id: "labA", activityId: "labAActivity", submissionId: "no-such-submission" } }),
  row("labs.$id.sessions.new",           "loader", "L 404 404 403 403 404 200 200", { params: { id: "labA" } }),
  row("labs.$id.sessions.new",           "action", "L 404 404 403 403 404 400 400", { params: { id: "labA" } }),
  // a session: whoever sees the lab; its register (an empty one is a register with nobody present): the lab's tutors and admins
  row("labs.$id.sessions.$sessionId",    "loader", "L 404 404 200 200 404 200 200", { params: { id: "labA", sessionId: "labASession" } }),
  row("labs.$id.sessions.$sessionId",    "loader", "L 404 404 404 404 404 404 404", { params: { id: "labA", sessionId: "no-such-session" } }),
  row("labs.$id.sessions.$sessionId",    "action", "L 404 404 403 403 404 302 302", { params: { id: "labA", sessionId: "labASession" } }),
  // editing or cancelling a session: the lab's tutors and admins (an empty form is refused with the reasons)
  row("labs.$id.sessions.$sessionId.edit", "loader", "L 404 404 403 403 404 200 200", { params: { id: "labA", sessionId: "labASession" } }),
  row("labs.$id.sessions.$sessionId.edit", "loader", "L 404 404 403 403 404 404 404", { params: { id: "labA", sessionId: "no-such-session" } }),
  row("labs.$id.sessions.$sessionId.edit", "action", "L 404 404 403 403 404 400 400", { params: { id: "labA", sessionId: "labASession" } }),
  // an online session's room (labRoom: the PLUS member is its only member; manager A's organization is in
  // the cohort but the manager has not joined): the lab's members, its tutors and staff; 404 for everyone else
  row("webinars.$slug._index",           "loader", "404 404 404 200 404 404 200 200", { params: { slug: "labRoomSlug" } }),
  row("webinars.$slug._index",           "action", "L 404 404 409 404 404 409 409", { params: { slug: "labRoomSlug" }, form: { intent: "register" } }),
  row("webinars.$slug.ics",              "loader", "404 404 404 200 404 404 200 200", { params: { slug: "labRoomSlug" } }),
  row("webinars.$slug.room",             "loader", "L 404 404 200 404 404 200 200", { params: { slug: "labRoomSlug" } }),
  row("webinars.$slug.room",             "action", "L 404 404 409 404 404 409 409", { params: { slug: "labRoomSlug" }, form: { intent: "join" } }),
  row("webinars.$slug.live",             "loader", "L 404 404 200 404 404 200 200", { params: { slug: "labRoomSlug" } }),
  row("webinars.$slug.recording._index", "loader", "L 404 404 200 404 404 200 200", { params: { slug: "labRoomSlug" } }),
];

// ---- fixtures ----------------------------------------------------------------------------------

const DAY = 24 * 3600 * 1000;
const ids = new Map<string, string>();
const users = new Map<ActorName, { id: string }>();

beforeAll(async () => {
  const now = Date.now();
  const enrol = (organizationId: string, kit: "BASIC" | "PLUS") =>
    db.enrolment.create({ data: { organizationId, kit, status: "ACTIVE", startsAt: new Date(now - 10 * DAY), endsAt: new Date(now + 100 * DAY), seats: 20 } });
  const orgA = await db.organization.create({ data: { name: "Comune A (matrice)", kind: "MUNICIPALITY" } });
  const orgB = await db.organization.create({ data: { name: "Comune B (matrice)", kind: "MUNICIPALITY" } });
  const orgBasic = await db.organization.create({ data: { name: "Comune Base (matrice)", kind: "MUNICIPALITY" } });
  const enrolmentA = await enrol(orgA.id, "PLUS");
  const enrolmentB = await enrol(orgB.id, "BASIC");
  await enrol(orgBasic.id, "BASIC");
  users.set("noOrg", await createUser());
  users.set("basic", await createUser({ organizationId: orgBasic.id }));
  users.set("plus", await createUser({ organizationId: orgA.id }));
  users.set("managerA", await createUser({ organizationId: orgA.id, isOrganizationManager: true }));
  users.set("managerB", await createUser({ organizationId: orgB.id, isOrganizationManager: true }));
  users.set("tutor", await createUser({ role: "TUTOR" }));
  users.set("admin", await createUser({ role: "ADMIN" }));
  const memberB = await createUser({ organizationId: orgB.id, email: "taken@comune-b.example.it" });
  const invite = (email: string, organizationId: string | null, role: "MEMBER" | "TUTOR" = "MEMBER") =>
    db.invitation.create({
      data: { email, role, organizationId, tokenHash: `matrix-${email}`, invitedById: users.get("admin")!.id, expiresAt: new Date(now + 5 * DAY), lastSentAt: new Date(now) },
    });
  const invitationA = await invite("invitata@comune-a.example.it", orgA.id);
  const invitationB = await invite("invitata@comune-b.example.it", orgB.id);
  const staffInvitation = await invite("tutor@fpa.example.it", null, "TUTOR");
  // ---- webinars fixtures (slugs) ----
  const webinarRow = (slug: string, data: Record<string, unknown>) =>
    db.webinar.create({ data: { slug, title: slug, description: "Descrizione", startsAt: new Date(now + 20 * DAY), roomName: `room-${slug}`, ...data } });
  await webinarRow("matrice-pubblico", { status: "SCHEDULED", audience: "PUBLIC" });
  await webinarRow("matrice-plus", { status: "SCHEDULED", audience: "KITS", audienceKits: { create: [{ kit: "PLUS" }] } });
  await webinarRow("matrice-bozza", { status: "DRAFT", audience: "PUBLIC" });
  ids.set("webinarPublic", "matrice-pubblico");
  ids.set("webinarPlus", "matrice-plus");
  ids.set("webinarDraft", "matrice-bozza");
  // ---- recordings fixtures (issue 10): an ended public webinar and a certificate of memberB ----
  const matrixWebinar = await db.webinar.create({
    data: { slug: "matrix-recordings", title: "Webinar (matrice)", description: "", status: "ENDED", startsAt: new Date(now - 2 * DAY), audience: "PUBLIC", roomName: "matrix-recordings" },
  });
  await db.certificate.create({
    data: { webinarId: matrixWebinar.id, userId: memberB.id, code: "MTRX-0000-0001", codeHash: hashCode("MTRX-0000-0001"), holderName: "Membro B", webinarTitle: matrixWebinar.title, webinarStartsAt: matrixWebinar.startsAt, liveMinutes: 90, replayMinutes: 0, creditedMinutes: 90 },
  });
  ids.set("matrixWebinar", matrixWebinar.id).set("matrixWebinarSlug", matrixWebinar.slug).set("matrixCertificateCode", "MTRX-0000-0001");
  // FIXTURE NAMES usable in a row's params and form fields:
  for (const [name, id] of Object.entries({
    orgA: orgA.id, orgB: orgB.id, enrolmentA: enrolmentA.id, enrolmentB: enrolmentB.id, memberB: memberB.id,
    invitationA: invitationA.id, invitationB: invitationB.id, staffInvitation: staffInvitation.id, admin: users.get("admin")!.id,
  })) ids.set(name, id);
  // ---- surveys fixtures: the training-needs analysis open to PLUS, and a draft ------------------
  const surveyPlus = await createFromTemplateData(trainingNeedsTemplate("it"), users.get("tutor")!.id, { status: "OPEN", launchedAt: new Date(now) });
  const surveyDraft = await createFromTemplateData(trainingNeedsTemplate("it"), users.get("tutor")!.id);
  ids.set("surveyPlus", surveyPlus.id);
  ids.set("surveyDraft", surveyDraft.id);
  // ---- pathways fixtures: a badge defined on matrixWebinar and issued to member B ---------------
  const matrixPathway = await db.pathway.create({ data: { title: "Percorso matrice", description: "Badge di prova", criteria: { create: [{ kind: "WEBINAR_CERTIFICATE", webinarId: matrixWebinar.id }] } } });
  await db.badgeAssertion.create({ data: { id: "matrixBadgeId", pathwayId: matrixPathway.id, userId: memberB.id, salt: "salt", recipientHash: "sha256$0", holderName: "Membro B" } });
  ids.set("matrixPathway", matrixPathway.id).set("matrixBadge", "matrixBadgeId");
});

// ---- fixtures: webinar live room (slugs are literal in the rows) ----
beforeAll(async () => {
  const soon = new Date(Date.now() + 5 * 60_000);
  const webinar = (slug: string, data: { status?: "DRAFT" | "SCHEDULED"; audience?: "PUBLIC" | "KITS"; kits?: ("PLUS" | "BASIC")[] }) =>
    db.webinar.create({
      data: {
        slug, title: `Matrice ${slug}`, description: "", status: data.status ?? "SCHEDULED", startsAt: soon, audience: data.audience ?? "PUBLIC", roomName: `room-${slug}`,
        audienceKits: { create: (data.kits ?? []).map((kit) => ({ kit })) },
      },
    });
  await webinar("matrix-room-public", {});
  await webinar("matrix-room-plus", { audience: "KITS", kits: ["PLUS"] });
  await webinar("matrix-room-draft", { status: "DRAFT" });
});

// ---- fixtures: webinar live page ----------------------------------------------------------------
beforeAll(async () => {
  const webinar = (slug: string, status: "LIVE" | "DRAFT" | "ENDED", audience: "KITS" | "PUBLIC") =>
    db.webinar.create({
      data: { slug, title: slug, description: "-", status, audience, startsAt: new Date(), roomName: `room-${slug}`, ...(audience === "KITS" ? { audienceKits: { create: [{ kit: "PLUS" as const }] } } : {}) },
    });
  for (const [name, status, audience] of [["livePlusWebinar", "LIVE", "KITS"], ["liveDraftWebinar", "DRAFT", "PUBLIC"], ["liveEndedWebinar", "ENDED", "PUBLIC"]] as const) {
    ids.set(name, (await webinar(`matrix-${name.toLowerCase()}`, status, audience)).slug);
  }

  // ---- community fixtures (issue 11): a community and a staff-only category, a topic and post in each
  const communityCategory = await db.communityCategory.create({ data: { name: "Matrice comunità", visibility: "COMMUNITY" } });
  const staffCategory = await db.communityCategory.create({ data: { name: "Matrice staff", visibility: "STAFF" } });
  const topicIn = async (categoryId: string) => {
    const topic = await db.communityTopic.create({ data: { categoryId, title: "Matrice", authorId: users.get("tutor")!.id, postCount: 1 } });
    const post = await db.communityPost.create({ data: { topicId: topic.id, postNumber: 1, authorId: users.get("tutor")!.id, body: "Testo" } });
    return { topic, post };
  };
  const inCommunity = await topicIn(communityCategory.id);
  const inStaff = await topicIn(staffCategory.id);
  for (const [name, id] of Object.entries({
    communityCategory: communityCategory.id, staffCategory: staffCategory.id, communityTopic: inCommunity.topic.id, staffTopic: inStaff.topic.id,
    communityPost: inCommunity.post.id, staffPost: inStaff.post.id,
  })) ids.set(name, id);
  // ---- file area fixtures: a community and a staff-only folder, a tutor's file in each, a deleted file
  const communityFolder = await db.communityFolder.create({ data: { name: "Matrice file", visibility: "COMMUNITY" } });
  const staffFolder = await db.communityFolder.create({ data: { name: "Matrice file staff", visibility: "STAFF" } });
  const fileIn = async (folderId: string, deleted = false) =>
    db.communityFile.create({
      data: {
        folderId, name: "matrice.pdf", authorId: users.get("tutor")!.id, versionCount: 1, deletedAt: deleted ? new Date() : null,
        versions: { create: { number: 1, storageKey: "community/files/2026/12/matrix-missing", fileName: "matrice.pdf", contentType: "application/pdf", size: 10n, uploadedById: users.get("tutor")!.id } },
      },
    });
  for (const [name, id] of Object.entries({
    communityFolder: communityFolder.id, staffFolder: staffFolder.id, communityFile: (await fileIn(communityFolder.id)).id,
    staffFile: (await fileIn(staffFolder.id)).id, deletedFile: (await fileIn(communityFolder.id, true)).id,
  })) ids.set(name, id);
});

// ---- blog fixtures: a tutor's published post (tag "matrice"), an admin's draft (tag "solo-bozze") ----
beforeAll(async () => {
  const tutorId = users.get("tutor")!.id;
  const adminId = users.get("admin")!.id;
  const tag = await db.blogTag.create({ data: { slug: "matrice", name: "Matrice" } });
  const draftTag = await db.blogTag.create({ data: { slug: "solo-bozze", name: "Solo bozze" } });
  const published = await db.blogPost.create({
    data: { slug: "matrice-pubblicato", title: "Pubblicato", body: "Testo.", status: "PUBLISHED", publishedAt: new Date(), authorId: tutorId, tags: { create: { tagId: tag.id } } },
  });
  const draft = await db.blogPost.create({ data: { slug: "matrice-bozza", title: "Bozza", body: "Testo.", authorId: adminId, tags: { create: { tagId: draftTag.id } } } });
  for (const [name, id] of Object.entries({ blogPublished: published.id, blogDraft: draft.id, blogAuthor: tutorId })) ids.set(name, id);
});

// ---- labs fixtures (issue 14): two labs whose cohort is organization A, led by the matrix tutor ----
beforeAll(async () => {
  const orgA = ids.get("orgA")!;
  const lab = (title: string) =>
    db.lab.create({
      data: { title, startsAt: new Date(Date.now() - DAY), endsAt: new Date(Date.now() + 60 * DAY), organizations: { create: [{ organizationId: orgA }] }, tutors: { create: [{ userId: users.get("tutor")!.id }] } },
    });
  ids.set("labA", (await lab("Laboratorio (matrice)")).id);
  ids.set("labJoin", (await lab("Laboratorio da raggiungere (matrice)")).id);
  ids.set("labAActivity", (await db.labActivity.create({ data: { labId: ids.get("labA")!, title: "Attività (matrice)", dueAt: new Date(Date.now() + DAY) } })).id);
  ids.set("labASession", (await db.labSession.create({ data: { labId: ids.get("labA")!, title: "Incontro (matrice)", kind: "IN_PERSON", place: "Sala", startsAt: new Date(Date.now() - DAY) } })).id);
  // An online session through the service, so its room is made as the product makes it; the room opens in 5 minutes.
  const labRoom = await db.lab.create({
    data: { title: "Laboratorio online (matrice)", startsAt: new Date(Date.now() - DAY), endsAt: new Date(Date.now() + 60 * DAY), organizations: { create: [{ organizationId: orgA }] }, tutors: { create: [{ userId: users.get("tutor")!.id }] }, members: { create: [{ userId: users.get("plus")!.id }] } },
  });
  const online = await createSession(users.get("tutor")!, labRoom.id, { title: "Stanza (matrice)", kind: "ONLINE", day: romeDay(new Date(Date.now() + DAY)), time: "10:00", durationMinutes: 90 });
  const room = await db.webinar.update({ where: { id: online.webinarId! }, data: { startsAt: new Date(Date.now() + 5 * 60_000) } });
  ids.set("labRoomSlug", room.slug);
});

// ---- the runner --------------------------------------------------------------------------------

const routeName = (file: string) => file.replace("../../app/routes/", "").replace(/\.tsx?$/, "");
const routeModules = new Map(Object.entries(modules).map(([file, module]) => [routeName(file), module]));
const resolve = (values: Record<string, string> = {}) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, ids.get(value) ?? value]));

/** "/admin/enrolments/<id>/cancel" from "admin.enrolments.$id.cancel". */
function pathOf(route: string, params: Record<string, string>) {
  const segments = route.split(".").filter((segment) => segment !== "_index").map((segment) => (segment.startsWith("$") ? params[segment.slice(1)] ?? segment : segment));
  return `/${segments.join("/")}`;
}

async function outcome(row: Row, actor: ActorName): Promise<string> {
  const fn = routeModules.get(row.route)?.[row.kind];
  if (!fn) return "no such route";
  const user = users.get(actor);
  const cookie = user ? await sessionCookieFor(user.id) : undefined;
  const params = resolve(row.input.params);
  const path = pathOf(row.route, params);
  const request = row.kind === "loader" ? getRequest(path, { cookie }) : formRequest(path, resolve(row.input.form), { cookie });
  let response: Response;
  try {
    response = await call(fn as never, request, params);
  } catch (error) {
    return `threw ${error instanceof Error ? error.message : String(error)}`;
  }
  const location = response.headers.get("Location") ?? "";
  if (response.status === 302 && location.startsWith("/login")) return "L";
  return String(response.status);
}

it("every loader and action of every route has a row in the matrix", () => {
  const covered = new Set(MATRIX.map((r) => `${r.route} ${r.kind}`));
  const missing: string[] = [];
  for (const [name, module] of routeModules) {
    for (const kind of ["loader", "action"] as const) if (module[kind] && !covered.has(`${name} ${kind}`)) missing.push(`${name} ${kind}`);
  }
  expect(missing, "add these routes to MATRIX in tests/integration/access-matrix.test.ts").toEqual([]);
  const unknown = MATRIX.filter((r) => !routeModules.get(r.route)?.[r.kind]).map((r) => `${r.route} ${r.kind}`);
  expect(unknown, "rows for routes that do not exist").toEqual([]);
});

describe.each(MATRIX.map((r) => [r.line, r] as const))("%s", (_line, r) => {
  it(`answers ${r.expected.join(" ")}`, async () => {
    const actual: Record<string, string> = {};
    for (const actor of ACTORS) actual[actor] = await outcome(r, actor);
    expect(actual).toEqual(Object.fromEntries(ACTORS.map((actor, i) => [actor, r.expected[i]])));
  });
});
