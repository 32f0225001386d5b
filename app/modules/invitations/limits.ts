// Limits and filters shown on the pages as well as enforced on the server (plain module: no .server).
export const CSV_MAX_BYTES = 256 * 1024;
export const CSV_MAX_ROWS = 500;
export const INVITATION_FILTERS = ["open", "pending", "expired", "accepted", "revoked", "all"] as const;
export type InvitationFilter = (typeof INVITATION_FILTERS)[number];
