// Every job type and schedule of the app, assembled at its edge: the job runner (app/lib/jobs)
// runs whatever is defined and imports no module. Each module defines its own jobs
// (defineJob/defineSchedule in its jobs file); a module with background work adds one line here.
// Loaded by app/entry.server.tsx, so the worker knows every type before it claims anything.
import "~/lib/jobs/housekeeping.server.ts";
import "~/lib/mail/deliver.server.ts";
import "./enrolment/jobs.server.ts";
import "./auth/password-reset.server.ts";
import "./webinars/reminders.server.ts";
import "./surveys/jobs.server.ts";
import "./blog/jobs.server.ts";
import "./blog/newsletter.server.ts";
import "./digest/jobs.server.ts";
import "./blog/bounces.server.ts";
import "./community/jobs.server.ts";
