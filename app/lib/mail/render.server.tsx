// Turns a template and its data into the three parts of a message.
import { renderToStaticMarkup } from "react-dom/server";
import { templates, type EmailLocale, type EmailTemplate, type TemplateData, type TemplateName } from "../../../emails/index.ts";

export type RenderedEmail = { subject: string; html: string; text: string };

export function renderEmail<T extends TemplateName>(template: T, locale: EmailLocale, data: TemplateData<T>): RenderedEmail {
  const module = templates[template] as unknown as EmailTemplate<TemplateData<T>>;
  if (!module) throw new Error(`Unknown email template "${template}"`);
  const { Email } = module;
  return {
    subject: module.subject(locale, data),
    html: "<!DOCTYPE html>" + renderToStaticMarkup(<Email locale={locale} data={data} />),
    text: module.text(locale, data),
  };
}
