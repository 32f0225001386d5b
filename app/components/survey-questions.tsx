// The questions of one survey section, as accessible form controls: every question is a fieldset
// whose legend is the question, its help and error are tied to it with aria-describedby, and
// everything works with the keyboard and without JavaScript (plain radios, checkboxes, textareas).
import { useTranslation } from "react-i18next";
import { parseMessage } from "~/lib/validation.ts";

export type QuestionView = { id: string; type: string; text: string; help: string; required: boolean; options: string; labels: string };

const lines = (value: string) => value.split("\n").map((line) => line.trim()).filter(Boolean);
const field = (questionId: string, row?: number) => (row === undefined ? `q_${questionId}` : `q_${questionId}_${row}`);

/** The first field of a question (error summaries link to it). */
export const firstInputId = (question: QuestionView) => (question.type === "TEXT" ? field(question.id) : `${question.type === "MATRIX" ? field(question.id, 1) : field(question.id)}-1`);

function useMessage() {
  const { t } = useTranslation();
  return (message: string) => {
    const { key, values } = parseMessage(message);
    return t(key, values);
  };
}

function Choices({ name, count, labelOf, type, values, describedBy }: { name: string; count: number; labelOf: (i: number) => string; type: "radio" | "checkbox"; values: string[]; describedBy?: string }) {
  return (
    <div className="d-flex flex-wrap gap-3">
      {Array.from({ length: count }, (_, index) => {
        const value = String(index + 1);
        const id = `${name}-${value}`;
        return (
          <div className="form-check form-check-inline" key={value}>
            <input id={id} type={type} name={name} value={value} defaultChecked={values.includes(value)} aria-describedby={describedBy} />
            <label htmlFor={id}>{labelOf(index)}</label>
          </div>
        );
      })}
    </div>
  );
}

export function SurveyQuestion({ question, values, error, likertLabels }: { question: QuestionView; values: Record<string, string[]>; error?: string; likertLabels: string[] }) {
  const { t } = useTranslation("surveys");
  const message = useMessage();
  const helpId = question.help ? `${field(question.id)}-help` : undefined;
  const errorId = error ? `${field(question.id)}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(" ") || undefined;
  const labels = lines(question.labels);
  const scale = labels.length === 5 ? labels : likertLabels;
  const marker = question.required ? <span> ({t("answer.requiredMark")})</span> : null;
  const messages = (
    <>
      {question.help ? (
        <p id={helpId} className="form-text mb-2">
          {question.help}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="invalid-feedback d-block fw-semibold">
          {message(error)}
        </p>
      ) : null}
    </>
  );
  if (question.type === "TEXT") {
    const name = field(question.id);
    return (
      <div className="form-group mb-4">
        <label htmlFor={name} className="fw-semibold">
          {question.text}
          {marker}
        </label>
        {messages}
        <textarea id={name} name={name} rows={4} className={`form-control${error ? " is-invalid" : ""}`} defaultValue={values[name]?.[0] ?? ""} aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
      </div>
    );
  }
  return (
    <fieldset className="mb-4" aria-describedby={describedBy}>
      <legend className="h6 fw-semibold">
        {question.text}
        {marker}
      </legend>
      {messages}
      {question.type === "SINGLE" || question.type === "MULTIPLE" ? (
        <Choices name={field(question.id)} count={lines(question.options).length} labelOf={(i) => lines(question.options)[i]} type={question.type === "SINGLE" ? "radio" : "checkbox"} values={values[field(question.id)] ?? []} />
      ) : null}
      {question.type === "LIKERT" ? <Choices name={field(question.id)} count={5} labelOf={(i) => `${i + 1} ${scale[i]}`} type="radio" values={values[field(question.id)] ?? []} /> : null}
      {question.type === "SCALE" ? (
        <>
          {labels.length === 2 ? <p className="small mb-1">{t("answer.scaleEnds", { min: labels[0], max: labels[1] })}</p> : null}
          <Choices name={field(question.id)} count={10} labelOf={(i) => String(i + 1)} type="radio" values={values[field(question.id)] ?? []} />
        </>
      ) : null}
      {question.type === "MATRIX"
        ? lines(question.options).map((row, index) => (
            <fieldset key={row} className="ms-3 mb-2">
              <legend className="h6 fw-normal">{row}</legend>
              <Choices name={field(question.id, index + 1)} count={5} labelOf={(i) => `${i + 1} ${scale[i]}`} type="radio" values={values[field(question.id, index + 1)] ?? []} />
            </fieldset>
          ))
        : null}
    </fieldset>
  );
}
