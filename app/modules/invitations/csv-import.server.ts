// Inviting from a CSV file, like an import: every row is checked first and reported with its
// line number and reason. Nothing is sent while any row is bad, unless the person confirms
// sending to the good rows only; seats are checked for the whole file.
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { seatUsage } from "./collaborators.server.ts";
import { parseInvitationCsv, type CsvRow, type RowProblem } from "./csv.server.ts";
import { conflictMessage, emailConflicts, inviteBatch, mayInvite, type ActionMeta } from "./invitations.server.ts";

const SHOWN_MAX = 80;

export type CsvReportRow = { line: number; email: string; name: string; asManager: boolean; problem?: RowProblem };
export type CsvReport = {
  rows: CsvReportRow[];
  good: number;
  bad: number;
  seats: { seats: number; used: number; available: number };
  fileProblem?: RowProblem;
  seatsProblem?: RowProblem;
};
export type CsvImportOutcome = { status: "sent"; count: number } | { status: "review"; report: CsvReport };

type Actor = Pick<SessionUser, "id" | "name" | "role" | "organizationId" | "isOrganizationManager">;

// Very long or hostile cells are shown shortened: the report must stay readable.
const shown = (value: string) => (value.length > SHOWN_MAX ? `${value.slice(0, SHOWN_MAX)}…` : value);

async function checkRows(bytes: Uint8Array, organizationId: string) {
  const seats = await seatUsage(organizationId);
  const parsed = parseInvitationCsv(bytes);
  if (!parsed.ok) return { rows: [] as CsvRow[], seats, fileProblem: parsed.problem };
  const candidates = parsed.rows.filter((row) => !row.problem).map((row) => row.email);
  const conflicts = await emailConflicts(candidates);
  const rows = parsed.rows.map((row): CsvRow => {
    const conflict = row.problem ? undefined : conflicts.get(row.email);
    return conflict ? { ...row, problem: { key: conflictMessage[conflict], values: { email: shown(row.email) } } } : row;
  });
  return { rows, seats, fileProblem: undefined };
}

function seatsProblemFor(seats: CsvReport["seats"], needed: number): RowProblem | undefined {
  if (needed === 0 || seats.available >= needed) return undefined;
  if (seats.seats === 0) return { key: "invitations:errors.noEnrolment" };
  return { key: "invitations:errors.notEnoughSeats", values: { available: seats.available, needed, seats: seats.seats } };
}

/**
 * Checks the file and, when everything is in order (or `goodRowsOnly` is confirmed), invites the
 * good rows in one all-or-nothing batch. Otherwise returns the report and sends nothing.
 */
export async function importInvitationsCsv(
  actor: Actor,
  organizationId: string,
  bytes: Uint8Array,
  options: { goodRowsOnly: boolean },
  meta: ActionMeta = {},
): Promise<CsvImportOutcome> {
  if (!(await mayInvite(actor, "MEMBER", organizationId))) throw new DomainError("invitations:errors.forbidden", {}, { status: 403 });
  const { rows, seats, fileProblem } = await checkRows(bytes, organizationId);
  const goodRows = rows.filter((row) => !row.problem);
  const report: CsvReport = {
    rows: rows.map((row) => ({ ...row, email: shown(row.email), name: shown(row.name) })),
    good: goodRows.length,
    bad: rows.length - goodRows.length,
    seats,
    fileProblem,
    seatsProblem: seatsProblemFor(seats, goodRows.length),
  };
  const mustReview = fileProblem || report.seatsProblem || goodRows.length === 0 || (report.bad > 0 && !options.goodRowsOnly);
  if (mustReview) return { status: "review", report };
  const invitations = await inviteBatch(actor, organizationId, goodRows, meta);
  return { status: "sent", count: invitations.length };
}
