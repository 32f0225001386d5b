// /account/digest: when the person receives their one digest email (daily, weekly, never).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { DIGEST_CHOICES, digestPreference, setDigestFrequency, type DigestChoice } from "~/modules/digest/digest.server.ts";

export const meta = titleMeta("digest:account.title");

const schema = z.object({ frequency: z.enum(["DAILY", "WEEKLY", "NONE"], { errorMap: () => ({ message: "validation.required" }) }) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { frequency } = await digestPreference(user);
  return json({ frequency, choices: DIGEST_CHOICES });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  await setDigestFrequency(user, parsed.data.frequency);
  return redirectWithFlash("/account/digest", { type: "success", message: "digest:account.saved" });
}

export default function DigestSettings() {
  const { frequency, choices } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("digest");
  const chosen = (failure?.values?.frequency as DigestChoice | undefined) ?? frequency;
  return (
    <section aria-labelledby="digest-title">
      <h2 id="digest-title">{t("account.title")}</h2>
      <p>{t("account.lead")}</p>
      <ErrorSummary failure={failure} labels={{ frequency: t("account.legend") }} />
      <Form method="post" noValidate>
        <fieldset>
          <legend className="h6">{t("account.legend")}</legend>
          {choices.map((choice) => (
            <div className="form-check" key={choice}>
              <input className="form-check-input" type="radio" name="frequency" id={`frequency-${choice}`} value={choice} defaultChecked={chosen === choice} />
              <label className="form-check-label" htmlFor={`frequency-${choice}`}>
                {t(`account.choice.${choice}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <p className="text-secondary mt-3">{t("account.forumHint")}</p>
        <button type="submit" className="btn btn-primary">
          {t("account.save")}
        </button>
      </Form>
    </section>
  );
}
