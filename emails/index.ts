// Every email the app sends, by name. A new template: add its module here; sendEmail then
// accepts the name and type-checks its data.
import * as communityNotifications from "./community-notifications.tsx";
import * as enrolmentExpiry from "./enrolment-expiry.tsx";
import * as invitation from "./invitation.tsx";
import * as newsletterConfirm from "./newsletter-confirm.tsx";
import * as newsletterPost from "./newsletter-post.tsx";
import * as passwordChanged from "./password-changed.tsx";
import * as passwordReset from "./password-reset.tsx";
import * as webinar from "./webinar.tsx";
import * as webinarSignup from "./webinar-signup.tsx";
import * as surveyInvitation from "./survey-invitation.tsx";
import * as digest from "./digest.tsx";
import * as labReminder from "./lab-reminder.tsx";
import type { EmailTemplate } from "./types.ts";

export const templates = {
  "password-reset": passwordReset as EmailTemplate<passwordReset.Data>,
  invitation: invitation as EmailTemplate<invitation.Data>,
  "enrolment-expiry": enrolmentExpiry as EmailTemplate<enrolmentExpiry.Data>,
  "password-changed": passwordChanged as EmailTemplate<passwordChanged.Data>,
  webinar: webinar as EmailTemplate<webinar.Data>,
  "webinar-signup": webinarSignup as EmailTemplate<webinarSignup.Data>,
  "survey-invitation": surveyInvitation as EmailTemplate<surveyInvitation.Data>,
  "community-notifications": communityNotifications as EmailTemplate<communityNotifications.Data>,
  "newsletter-confirm": newsletterConfirm as EmailTemplate<newsletterConfirm.Data>,
  "newsletter-post": newsletterPost as EmailTemplate<newsletterPost.Data>,
  digest: digest as EmailTemplate<digest.Data>,
  "lab-reminder": labReminder as EmailTemplate<labReminder.Data>,
};

export type TemplateName = keyof typeof templates;
export type TemplateData<T extends TemplateName> = (typeof templates)[T] extends EmailTemplate<infer D> ? D : never;
export type { EmailLocale, EmailTemplate } from "./types.ts";
