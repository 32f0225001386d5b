// /surveys/:id: answering a survey, one section per page. Every step saves the section (progress
// survives leaving), errors are tied to their question, a closed survey refuses with its date.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SurveyQuestion, firstInputId } from "~/components/survey-questions.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { authorize, can, enforce } from "~/modules/access/policy.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { answerItem, surveyItem } from "~/modules/surveys/access.server.ts";
import {
  AlreadyAnsweredError,
  groupKit,
  missingRequired,
  participationState,
  questionnaire,
  readSection,
  saveSection,
  submitSurvey,
  type Answers,
} from "~/modules/surveys/answering.server.ts";
import { defaultLikertLabels } from "~/modules/surveys/templates.ts";

export const meta = titleMeta<{ survey: { title: string } }>("surveys:answer.title", (data) => ({ title: data?.survey.title ?? "" }));

async function load(request: Request, id: string | undefined) {
  const user = await authorize(request, "surveys.list");
  const item = id ? await surveyItem(id, user.id) : null;
  if (!item) throw notFound();
  const full = await answerItem(request, user, item);
  enforce(can(user, "survey.answer", full));
  const survey = await questionnaire(item.id);
  if (!survey) throw notFound();
  return { user, survey, viewer: full.viewer };
}

function sectionParam(value: string | null | undefined, count: number) {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= count ? n - 1 : 0;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, survey } = await load(request, params.id);
  const state = await participationState(survey.id, user.id);
  const index = sectionParam(new URL(request.url).searchParams.get("section"), survey.sections.length);
  return json({
    survey: { id: survey.id, title: survey.title, description: survey.description, anonymous: survey.anonymous, sectionCount: survey.sections.length },
    closes: survey.closesAt ? formatDateTime(survey.closesAt, user.locale) : null,
    section: survey.sections[index],
    index,
    done: state.status === "SUBMITTED" && survey.anonymous,
    edited: state.status === "SUBMITTED",
    answers: state.answers,
    likertLabels: defaultLikertLabels(user.locale),
  });
}

type Failure = { errors: Record<string, string>; answers: Answers; message?: string };

function respondent(user: SessionUser, kits: Parameters<typeof groupKit>[0]) {
  return { userId: user.id, organizationId: user.organizationId, kit: groupKit(kits) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, survey, viewer } = await load(request, params.id);
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "next");
  const index = sectionParam(String(formData.get("section") ?? ""), survey.sections.length);
  const section = survey.sections[index];
  const here = `/surveys/${survey.id}`;
  const { answers, errors } = readSection(formData, section.questions, { requireAll: intent !== "back" });
  if (Object.keys(errors).length && intent !== "back") return json({ errors, answers } satisfies Failure, { status: 400 });
  try {
    // Going back keeps what was saved when the section holds something invalid.
    if (intent === "back" && Object.keys(errors).length) return redirect(`${here}?section=${Math.max(index, 1)}`);
    const draft = await saveSection(survey, user.id, index, answers);
    if (intent === "back") return redirect(`${here}?section=${Math.max(index, 1)}`);
    if (intent !== "submit" || index < survey.sections.length - 1) return redirect(`${here}?section=${Math.min(index + 2, survey.sections.length)}`);
    const missing = missingRequired(survey.sections.flatMap((s) => s.questions), draft);
    if (missing.length) {
      const at = survey.sections.findIndex((s) => s.questions.some((q) => missing.includes(q.id)));
      return redirectWithFlash(`${here}?section=${at + 1}`, { type: "error", message: "surveys:answer.missingElsewhere" });
    }
    const { edited } = await submitSurvey(survey, respondent(user, viewer.kits));
    return redirectWithFlash("/surveys", { type: "success", message: edited ? "surveys:flash.updated" : "surveys:flash.submitted" });
  } catch (error) {
    if (error instanceof AlreadyAnsweredError) return json({ errors: {}, answers, message: "surveys:answer.alreadyAnswered" } satisfies Failure, { status: 409 });
    throw error;
  }
}

export default function AnswerSurvey() {
  const { survey, closes, section, index, done, edited, answers, likertLabels } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure | undefined;
  const { t } = useTranslation("surveys");
  const values = failure?.answers ?? answers;
  const errors = failure?.errors ?? {};
  const last = index === survey.sectionCount - 1;
  const errorOf = (questionId: string) => Object.entries(errors).find(([field]) => field === `q_${questionId}` || field.startsWith(`q_${questionId}_`))?.[1];
  const withErrors = section.questions.filter((question) => errorOf(question.id));
  return (
    <div className="container page-section">
      <h1>{survey.title}</h1>
      {survey.description ? <p>{survey.description}</p> : null}
      <p className="small">
        {survey.anonymous ? t("answer.anonymousNote") : t("answer.namedNote")}
        {closes ? ` ${t("answer.closes", { date: closes })}` : null}
      </p>
      {done ? (
        <div className="alert alert-success" role="status">
          {t("answer.thanks")}
        </div>
      ) : (
        <>
          {edited ? <p className="alert alert-info">{t("answer.editing")}</p> : null}
          {failure?.message ? (
            <div className="alert alert-danger" role="alert">
              {t(failure.message.replace(/^surveys:/, ""))}
            </div>
          ) : null}
          {withErrors.length ? (
            <div className="alert alert-danger" role="alert" tabIndex={-1}>
              <p className="mb-1">{t("answer.errorSummary", { count: withErrors.length })}</p>
              <ul className="mb-0">
                {withErrors.map((question) => (
                  <li key={question.id}>
                    <a href={`#${firstInputId(question)}`}>{question.text}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <p>
            <strong>{t("answer.progress", { current: index + 1, total: survey.sectionCount })}</strong>
          </p>
          <Form method="post" noValidate>
            <input type="hidden" name="section" value={index + 1} />
            <h2>{section.title}</h2>
            {section.description ? <p>{section.description}</p> : null}
            {section.questions.map((question) => (
              <SurveyQuestion key={question.id} question={question} values={values} error={errorOf(question.id)} likertLabels={likertLabels} />
            ))}
            {/* The main button comes first, so Enter in a field goes forward; it shows on the right. */}
            <div className="d-flex flex-row-reverse justify-content-end gap-2">
              {last ? (
                <button type="submit" name="intent" value="submit" className="btn btn-primary">
                  {edited ? t("answer.update") : t("answer.submit")}
                </button>
              ) : (
                <button type="submit" name="intent" value="next" className="btn btn-primary">
                  {t("answer.next")}
                </button>
              )}
              {index > 0 ? (
                <button type="submit" name="intent" value="back" className="btn btn-outline-primary">
                  {t("answer.back")}
                </button>
              ) : null}
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
