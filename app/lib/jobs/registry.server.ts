// Every job type and schedule of the app, loaded before the worker claims anything.
// A feature with background work adds one import line here (its module calls defineJob/defineSchedule).
import "./housekeeping.server.ts";
import "../mail/deliver.server.ts";
import "../../modules/enrolment/jobs.server.ts";
import "../../modules/auth/password-reset.server.ts";
