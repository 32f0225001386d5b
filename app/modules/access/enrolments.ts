// Enrolments (an organization's kit, dates, seats and micro-services). Tutors read them to form
// lab cohorts; only admins enrol, activate, edit, upgrade, cancel or update a micro-service.
import { allow, defineRules, deny } from "./core.ts";
import { isAdmin, isStaff, isTutor } from "./roles.ts";

export type EnrolmentItem = { id: string; organizationId: string };

export const TUTOR_READ_ONLY = "access:reasons.tutorReadOnly";

const adminChanges = (actor: Parameters<typeof isAdmin>[0]) => (isAdmin(actor) ? allow : deny(isTutor(actor) ? TUTOR_READ_ONLY : undefined));

export const enrolmentRules = defineRules({
  "enrolments.view": (actor) => (isStaff(actor) ? allow : deny()),
  /** Enrol an organization (no enrolment yet). */
  "enrolments.manage": adminChanges,
  "enrolment.view": (actor, _enrolment: EnrolmentItem) => (isStaff(actor) ? allow : deny()),
  /** Activate, edit, upgrade, cancel, update its micro-services. */
  "enrolment.change": (actor, _enrolment: EnrolmentItem) => adminChanges(actor),
});
