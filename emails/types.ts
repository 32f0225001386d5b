// What every email template module provides (see emails/index.ts).
import type { ReactElement } from "react";

export type EmailLocale = "it" | "en";

export type EmailTemplate<Data> = {
  subject(locale: EmailLocale, data: Data): string;
  Email(props: { locale: EmailLocale; data: Data }): ReactElement;
  text(locale: EmailLocale, data: Data): string;
};
