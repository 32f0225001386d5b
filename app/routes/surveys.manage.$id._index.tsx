// /surveys/manage/:id: the survey builder (tutors, admins). Every change is a plain form, so it
// works without JavaScript; reordering is by "move up/down" buttons. Once answers exist the
// questions are frozen and the page offers a new version instead.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckBox, InputBox, SelectBox, TextBox } from "~/components/survey-fields.tsx";
import { parseRomeLocalInput, romeLocalInput } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { formFailure, parseForm, type FormFailure } from "~/lib/forms.ts";
import { notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import type { Kit } from "~/generated/sqlite/enums.ts";
import * as builder from "~/modules/surveys/builder.server.ts";
import { AUDIENCES, KITS_LIST, QUESTION_TYPES, questionSchema, sectionSchema, settingsSchema } from "~/modules/surveys/forms.ts";
import { requireManagedSurvey } from "~/modules/surveys/manage-access.server.ts";
import { scheduleInvitations } from "~/modules/surveys/invitations.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { SYLLABUS_COMPETENCES } from "~/modules/surveys/syllabus.ts";
import { localized } from "~/modules/kits/catalogue.ts";

export const meta = titleMeta<{ survey: { title: string } }>("surveys:builder.title", (data) => ({ title: data?.survey.title ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireManagedSurvey(request, params.id, "survey.edit");
  const survey = await builder.surveyForBuilder(params.id!);
  if (!survey) throw notFound();
  return json({
    survey: {
      ...survey,
      opensAtInput: survey.opensAt ? romeLocalInput(survey.opensAt) : "",
      closesAtInput: survey.closesAt ? romeLocalInput(survey.closesAt) : "",
    },
    organizations: await builder.organizationChoices(),
    labs: await builder.labChoices(user),
    locale: user.locale,
  });
}

const withForm = (failure: FormFailure, form: string) => ({ ...failure, values: { ...failure.values, form } });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireManagedSurvey(request, params.id, "survey.edit");
  const surveyId = params.id!;
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const form = String(formData.get("form") ?? intent);
  const id = String(formData.get("targetId") ?? "");
  const direction = formData.get("direction") === "up" ? "up" : "down";
  const here = `/surveys/manage/${surveyId}`;
  const saved = () => redirectWithFlash(here, { type: "success", message: "surveys:flash.saved" });
  const audit = async (code: string, targetId: string) => {
    const title = (await builder.surveyForBuilder(targetId))?.title ?? "";
    const summary = { "survey.launch": `Avviato il questionario «${title}»`, "survey.close": `Chiuso il questionario «${title}»` }[code] ?? `Nuova versione del questionario «${title}»`;
    await recordAudit({ actorId: user.id, action: code, targetType: "Survey", targetId, summary, ipAddress: context.clientIp });
  };
  try {
    switch (intent) {
      case "settings": {
        const parsed = parseForm(formData, settingsSchema);
        if (!parsed.ok) return json(withForm(parsed, form), { status: 400 });
        const opensAt = parsed.data.opensAt ? parseRomeLocalInput(parsed.data.opensAt) : null;
        const closesAt = parsed.data.closesAt ? parseRomeLocalInput(parsed.data.closesAt) : null;
        const errors: Record<string, string[]> = {};
        if (parsed.data.opensAt && !opensAt) errors.opensAt = ["surveys:builder.errors.dateTime"];
        if (parsed.data.closesAt && !closesAt) errors.closesAt = ["surveys:builder.errors.dateTime"];
        if (opensAt && closesAt && closesAt <= opensAt) errors.closesAt = ["surveys:builder.errors.closesBeforeOpens"];
        // A lab's members only from a lab the editor runs (admins every lab, tutors their own).
        const labId = parsed.data.audience === "LAB" ? String(formData.get("labId") ?? "") || null : null;
        if (labId && !(await builder.labChoices(user)).some((lab) => lab.id === labId)) errors.labId = ["surveys:builder.errors.lab"];
        if (Object.keys(errors).length) return json(withForm(formFailure(formData, errors), form), { status: 400 });
        const kits = formData.getAll("kits").filter((kit): kit is Kit => KITS_LIST.includes(kit as Kit));
        const organizationIds = formData.getAll("organizationIds").map(String);
        await builder.updateSettings(surveyId, { ...parsed.data, description: parsed.data.description ?? "", kits, organizationIds, labId, opensAt, closesAt });
        return saved();
      }
      case "addSection":
      case "updateSection": {
        const parsed = parseForm(formData, sectionSchema);
        if (!parsed.ok) return json(withForm(parsed, form), { status: 400 });
        if (intent === "addSection") await builder.addSection(surveyId, parsed.data.title, parsed.data.description ?? "");
        else await builder.updateSection(surveyId, id, parsed.data.title, parsed.data.description ?? "");
        return saved();
      }
      case "deleteSection":
        await builder.deleteSection(surveyId, id);
        return saved();
      case "moveSection":
        await builder.moveSection(surveyId, id, direction);
        return saved();
      case "addQuestion":
      case "updateQuestion": {
        const parsed = parseForm(formData, questionSchema);
        if (!parsed.ok) return json(withForm(parsed, form), { status: 400 });
        const input = { ...parsed.data, help: parsed.data.help ?? "", options: parsed.data.options ?? "", labels: parsed.data.labels ?? "" };
        if (intent === "addQuestion") await builder.addQuestion(surveyId, id, input);
        else await builder.updateQuestion(surveyId, id, input);
        return saved();
      }
      case "deleteQuestion":
        await builder.deleteQuestion(surveyId, id);
        return saved();
      case "moveQuestion":
        await builder.moveQuestion(surveyId, id, direction);
        return saved();
      case "duplicate":
      case "newVersion": {
        const copy = await builder.duplicateSurvey(surveyId, user.id, { asNewVersion: intent === "newVersion", copySuffix: user.locale === "en" ? "(copy)" : "(copia)" });
        if (intent === "newVersion") await audit("survey.new_version", copy.id);
        return redirectWithFlash(`/surveys/manage/${copy.id}`, { type: "success", message: intent === "newVersion" ? "surveys:flash.newVersion" : "surveys:flash.duplicated" });
      }
      case "launch": {
        const problem = await builder.launchSurvey(surveyId);
        if (problem) return json(withForm(formFailure(formData, {}, problem), "launch"), { status: 409 });
        await scheduleInvitations(surveyId);
        await audit("survey.launch", surveyId);
        return redirectWithFlash(here, { type: "success", message: "surveys:flash.launched" });
      }
      case "close":
        await builder.closeSurvey(surveyId);
        await audit("survey.close", surveyId);
        return redirectWithFlash(here, { type: "success", message: "surveys:flash.closed" });
      default:
        return json(formFailure(formData, {}, "surveys:builder.errors.unknownAction"), { status: 400 });
    }
  } catch (error) {
    if (error instanceof builder.SurveyLockedError) return json(withForm(formFailure(formData, {}, "surveys:builder.locked"), form), { status: 409 });
    throw error;
  }
  return redirect(here);
}

type LoaderSurvey = ReturnType<typeof useLoaderData<typeof loader>>["survey"];
type LoaderQuestion = LoaderSurvey["sections"][number]["questions"][number];

function FormError({ failure, form }: { failure?: FormFailure; form: string }) {
  const { t } = useTranslation("surveys");
  if (!failure || failure.values.form !== form) return null;
  const count = Object.keys(failure.fieldErrors).length;
  return (
    <div className="alert alert-danger" role="alert">
      {failure.formError ? t(failure.formError.replace(/^surveys:/, "")) : t("builder.errors.fix", { count })}
    </div>
  );
}

function MoveButtons({ intent, targetId, label }: { intent: string; targetId: string; label: string }) {
  const { t } = useTranslation("surveys");
  return (
    <>
      <Form method="post" className="d-inline">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="targetId" value={targetId} />
        <input type="hidden" name="direction" value="up" />
        <button type="submit" className="btn btn-sm btn-outline-primary me-1">
          {t("builder.moveUp")}
          <span className="visually-hidden">: {label}</span>
        </button>
      </Form>
      <Form method="post" className="d-inline">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="targetId" value={targetId} />
        <input type="hidden" name="direction" value="down" />
        <button type="submit" className="btn btn-sm btn-outline-primary me-1">
          {t("builder.moveDown")}
          <span className="visually-hidden">: {label}</span>
        </button>
      </Form>
    </>
  );
}

function QuestionFields({ prefix, question, failure }: { prefix: string; question?: LoaderQuestion; failure?: FormFailure }) {
  const { t, i18n } = useTranslation("surveys");
  const mine = failure?.values.form === prefix ? failure : undefined;
  const value = (field: keyof LoaderQuestion & string, fallback: string) => mine?.values[field] ?? fallback;
  const errors = (field: string) => mine?.fieldErrors[field];
  return (
    <>
      <SelectBox
        id={`${prefix}-type`}
        name="type"
        label={t("builder.question.type")}
        defaultValue={value("type", question?.type ?? "LIKERT")}
        options={QUESTION_TYPES.map((type) => ({ value: type, label: t(`questionTypes.${type}`) }))}
      />
      <InputBox id={`${prefix}-text`} name="text" label={t("builder.question.text")} defaultValue={value("text", question?.text ?? "")} errors={errors("text")} required />
      <InputBox id={`${prefix}-help`} name="help" label={t("builder.question.help")} defaultValue={value("help", question?.help ?? "")} errors={errors("help")} />
      <TextBox id={`${prefix}-options`} name="options" label={t("builder.question.options")} hint={t("builder.question.optionsHint")} defaultValue={value("options", question?.options ?? "")} errors={errors("options")} />
      <TextBox id={`${prefix}-labels`} name="labels" label={t("builder.question.labels")} hint={t("builder.question.labelsHint")} defaultValue={value("labels", question?.labels ?? "")} errors={errors("labels")} />
      <SelectBox
        id={`${prefix}-competence`}
        name="competence"
        label={t("builder.question.competence")}
        defaultValue={value("competence", question?.competence ?? "")}
        errors={errors("competence")}
        options={[{ value: "", label: t("builder.question.noCompetence") }, ...SYLLABUS_COMPETENCES.map((c) => ({ value: c.code, label: `${c.code} ${localized(c.name, i18n.language)}` }))]}
      />
      <CheckBox id={`${prefix}-required`} name="required" label={t("builder.question.required")} defaultChecked={mine ? mine.values.required === "on" : question?.required} />
    </>
  );
}

export default function SurveyBuilder() {
  const { survey, organizations, labs } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("surveys");
  const locked = survey.answered;
  const settings = failure?.values.form === "settings" ? failure : undefined;
  const kits = new Set(survey.audienceKits.map((entry) => entry.kit));
  const orgs = new Set(survey.audienceOrganizations.map((entry) => entry.organizationId));
  return (
    <div className="container page-section">
      <p>
        <Link to="/surveys/manage">{t("manage.title")}</Link>
      </p>
      <h1>{survey.title}</h1>
      <p>
        {t(`kinds.${survey.kind}`)} · {t(`statuses.${survey.status}`)} · {t("manage.version", { version: survey.version })} ·{" "}
        {survey.anonymous ? t("builder.anonymous") : t("builder.named")} · {t("builder.responses", { count: survey._count.responses })}
      </p>
      <div className="d-flex flex-wrap gap-2 mb-4">
        <Link className="btn btn-outline-primary" to={`/surveys/manage/${survey.id}/preview`}>
          {t("builder.preview")}
        </Link>
        <Link className="btn btn-outline-primary" to={`/surveys/manage/${survey.id}/results`}>
          {t("builder.results")}
        </Link>
        <Form method="post">
          <input type="hidden" name="intent" value="duplicate" />
          <button type="submit" className="btn btn-outline-primary">
            {t("builder.duplicate")}
          </button>
        </Form>
        {survey.status === "DRAFT" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="launch" />
            <button type="submit" className="btn btn-primary">
              {t("builder.launch")}
            </button>
          </Form>
        ) : null}
        {survey.status === "OPEN" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="close" />
            <button type="submit" className="btn btn-outline-danger">
              {t("builder.close")}
            </button>
          </Form>
        ) : null}
      </div>
      {locked ? (
        <div className="alert alert-info" role="status">
          <p>{t("builder.lockedNotice")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="newVersion" />
            <button type="submit" className="btn btn-primary">
              {t("builder.newVersion")}
            </button>
          </Form>
        </div>
      ) : null}
      <FormError failure={failure} form={failure?.values.form ?? ""} />

      <section aria-labelledby="settings-heading" className="mb-5">
        <h2 id="settings-heading">{t("builder.settings")}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="settings" />
          <InputBox id="settings-title" name="title" label={t("manage.fields.title")} defaultValue={settings?.values.title ?? survey.title} errors={settings?.fieldErrors.title} required />
          <TextBox id="settings-description" name="description" label={t("builder.description")} defaultValue={settings?.values.description ?? survey.description} errors={settings?.fieldErrors.description} />
          <CheckBox id="settings-anonymous" name="anonymous" label={t("builder.anonymousLabel")} defaultChecked={survey.anonymous} />
          <SelectBox
            id="settings-audience"
            name="audience"
            label={t("builder.audience")}
            defaultValue={settings?.values.audience ?? survey.audience}
            options={AUDIENCES.map((audience) => ({ value: audience, label: t(`audiences.${audience}`) }))}
          />
          <SelectBox
            id="settings-lab"
            name="labId"
            label={t("builder.lab")}
            defaultValue={settings?.values.labId ?? survey.labId ?? ""}
            errors={settings?.fieldErrors.labId}
            options={[{ value: "", label: t("builder.noLab") }, ...labs.map((lab) => ({ value: lab.id, label: lab.title }))]}
          />
          <fieldset className="mb-3">
            <legend className="h6">{t("builder.kits")}</legend>
            {KITS_LIST.map((kit) => (
              <CheckBox key={kit} id={`settings-kit-${kit}`} name="kits" value={kit} label={kit} defaultChecked={kits.has(kit)} />
            ))}
          </fieldset>
          <fieldset className="mb-3">
            <legend className="h6">{t("builder.organizations")}</legend>
            {organizations.map((org) => (
              <CheckBox key={org.id} id={`settings-org-${org.id}`} name="organizationIds" value={org.id} label={org.name} defaultChecked={orgs.has(org.id)} />
            ))}
          </fieldset>
          <div className="row">
            <div className="col-md-6">
              <InputBox id="settings-opens" name="opensAt" type="datetime-local" label={t("builder.opensAt")} hint={t("builder.romeTime")} defaultValue={settings?.values.opensAt ?? survey.opensAtInput} errors={settings?.fieldErrors.opensAt} />
            </div>
            <div className="col-md-6">
              <InputBox id="settings-closes" name="closesAt" type="datetime-local" label={t("builder.closesAt")} hint={t("builder.romeTime")} defaultValue={settings?.values.closesAt ?? survey.closesAtInput} errors={settings?.fieldErrors.closesAt} />
            </div>
          </div>
          <button type="submit" className="btn btn-primary">
            {t("builder.saveSettings")}
          </button>
        </Form>
      </section>

      <h2>{t("builder.sections")}</h2>
      {survey.sections.map((section, index) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`} className="card card-bg mb-4">
          <div className="card-body">
            <h3 id={`section-${section.id}`} className="h4">
              {t("builder.sectionNumber", { number: index + 1 })}: {section.title}
            </h3>
            {locked ? null : (
              <>
                <div className="mb-2">
                  <MoveButtons intent="moveSection" targetId={section.id} label={section.title} />
                  <Form method="post" className="d-inline">
                    <input type="hidden" name="intent" value="deleteSection" />
                    <input type="hidden" name="targetId" value={section.id} />
                    <button type="submit" className="btn btn-sm btn-outline-danger">
                      {t("builder.deleteSection")}
                      <span className="visually-hidden">: {section.title}</span>
                    </button>
                  </Form>
                </div>
                <details className="mb-3">
                  <summary>{t("builder.editSection")}</summary>
                  <Form method="post">
                    <input type="hidden" name="intent" value="updateSection" />
                    <input type="hidden" name="form" value={`s-${section.id}`} />
                    <input type="hidden" name="targetId" value={section.id} />
                    <InputBox id={`s-${section.id}-title`} name="title" label={t("builder.sectionTitle")} defaultValue={section.title} required />
                    <TextBox id={`s-${section.id}-description`} name="description" label={t("builder.description")} defaultValue={section.description} />
                    <button type="submit" className="btn btn-sm btn-primary">
                      {t("builder.save")}
                    </button>
                  </Form>
                </details>
              </>
            )}
            <ol className="list-unstyled">
              {section.questions.map((question) => (
                <li key={question.id} className="border-top pt-3 mb-3">
                  <h4 className="h6">
                    {question.text}
                    {question.required ? ` (${t("builder.requiredShort")})` : null}
                  </h4>
                  <p className="small mb-1">
                    {t(`questionTypes.${question.type}`)}
                    {question.competence ? ` · ${t("builder.competence", { code: question.competence })}` : null}
                  </p>
                  {locked ? null : (
                    <>
                      <MoveButtons intent="moveQuestion" targetId={question.id} label={question.text} />
                      <Form method="post" className="d-inline">
                        <input type="hidden" name="intent" value="deleteQuestion" />
                        <input type="hidden" name="targetId" value={question.id} />
                        <button type="submit" className="btn btn-sm btn-outline-danger">
                          {t("builder.deleteQuestion")}
                          <span className="visually-hidden">: {question.text}</span>
                        </button>
                      </Form>
                      <details className="mt-2" open={failure?.values.form === `q-${question.id}`}>
                        <summary>{t("builder.editQuestion")}</summary>
                              <Form method="post">
                          <input type="hidden" name="intent" value="updateQuestion" />
                          <input type="hidden" name="form" value={`q-${question.id}`} />
                          <input type="hidden" name="targetId" value={question.id} />
                          <QuestionFields prefix={`q-${question.id}`} question={question} failure={failure} />
                          <button type="submit" className="btn btn-sm btn-primary">
                            {t("builder.save")}
                          </button>
                        </Form>
                      </details>
                    </>
                  )}
                </li>
              ))}
            </ol>
            {locked ? null : (
              <details open={failure?.values.form === `new-${section.id}`}>
                <summary>{t("builder.addQuestion")}</summary>
                <Form method="post">
                  <input type="hidden" name="intent" value="addQuestion" />
                  <input type="hidden" name="form" value={`new-${section.id}`} />
                  <input type="hidden" name="targetId" value={section.id} />
                  <QuestionFields prefix={`new-${section.id}`} failure={failure} />
                  <button type="submit" className="btn btn-sm btn-primary">
                    {t("builder.addQuestion")}
                  </button>
                </Form>
              </details>
            )}
          </div>
        </section>
      ))}
      {locked ? null : (
        <section aria-labelledby="new-section-heading">
          <h2 id="new-section-heading" className="h4">
            {t("builder.addSection")}
          </h2>
          <Form method="post">
            <input type="hidden" name="intent" value="addSection" />
            <InputBox id="new-section-title" name="title" label={t("builder.sectionTitle")} errors={failure?.values.form === "addSection" ? failure.fieldErrors.title : undefined} required />
            <TextBox id="new-section-description" name="description" label={t("builder.description")} />
            <button type="submit" className="btn btn-primary">
              {t("builder.addSection")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
