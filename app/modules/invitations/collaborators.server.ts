// What invitations need from other modules, in one place: seats of the enrolment, the access
// policy's "may manage this organization", and the email outbox.
export { can, invitationItem, managedOrganizations, type Decision } from "~/modules/access/policy.server.ts";
export { roleBelongsToOrganization } from "~/modules/access/roles.ts";
export { lockSeatPool, seatUsage, type SeatUsage } from "~/modules/enrolment/seats.server.ts";
export { sendEmail } from "~/lib/mail/send.server.ts";
export { kickWorker } from "~/lib/jobs/queue.server.ts";
