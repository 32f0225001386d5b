// LiveKit participant attributes the app sets and the room page reads (shared by server and browser).
/** The current stage role: host, speaker, support or attendee (a promoted attendee becomes speaker). */
export const ROLE_ATTRIBUTE = "role";
/** A raised hand: when it went up (ms since the epoch, for the queue order); absent when down. */
export const HAND_ATTRIBUTE = "hand";
/** Roles whose cameras and screens are on the stage. */
export const STAGE_ROLES: ReadonlySet<string> = new Set(["host", "speaker"]);
