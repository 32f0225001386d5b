// Accessible form fields in Bootstrap Italia markup: every input has a visible label,
// errors are linked with aria-describedby and summarised at the top of the form.
import { useTranslation } from "react-i18next";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { parseMessage } from "~/lib/validation.ts";
import type { FormFailure } from "~/lib/forms.ts";

export function useErrorText() {
  const { t } = useTranslation();
  return (message: string) => {
    const { key, values } = parseMessage(message);
    return t(key, values);
  };
}

type Common = { name: string; label: string; errors?: string[]; hint?: ReactNode; required?: boolean };

function describedBy(name: string, errors?: string[], hint?: ReactNode) {
  return [errors?.length ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ") || undefined;
}

function FieldMessages({ name, errors, hint }: Pick<Common, "name" | "errors" | "hint">) {
  const errorText = useErrorText();
  return (
    <>
      {hint ? (
        <small id={`${name}-hint`} className="form-text d-block">
          {hint}
        </small>
      ) : null}
      {errors?.length ? (
        <div id={`${name}-error`} className="invalid-feedback d-block" role="alert">
          {errors.map(errorText).join(" ")}
        </div>
      ) : null}
    </>
  );
}

function RequiredMark({ required }: { required?: boolean }) {
  const { t } = useTranslation();
  return required ? (
    <span aria-hidden="true" title={t("form.required")}>
      {" "}
      *
    </span>
  ) : null;
}

/** One input with its label, hint and errors; TextField and FileField differ only in type and label. */
function InputField({ name, label, errors, hint, required, labelClassName, ...input }: Common & InputHTMLAttributes<HTMLInputElement> & { labelClassName?: string }) {
  const id = input.id ?? name;
  return (
    <div className="form-group">
      <label htmlFor={id} className={labelClassName}>
        {label}
        <RequiredMark required={required} />
      </label>
      <input
        id={id}
        name={name}
        className={`form-control${errors?.length ? " is-invalid" : ""}`}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, errors, hint)}
        required={required}
        {...input}
      />
      <FieldMessages name={name} errors={errors} hint={hint} />
    </div>
  );
}

export function TextField(props: Common & InputHTMLAttributes<HTMLInputElement>) {
  return <InputField type="text" labelClassName="active" {...props} />;
}

export function TextAreaField({ name, label, errors, hint, required, ...area }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div className="form-group">
      <label htmlFor={name} className="active">
        {label}
        <RequiredMark required={required} />
      </label>
      <textarea
        id={name}
        name={name}
        className={`form-control${errors?.length ? " is-invalid" : ""}`}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, errors, hint)}
        required={required}
        rows={5}
        {...area}
      />
      <FieldMessages name={name} errors={errors} hint={hint} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  errors,
  hint,
  required,
  options,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  return (
    <div className="select-wrapper">
      <label htmlFor={name}>
        {label}
        <RequiredMark required={required} />
      </label>
      <select
        id={name}
        name={name}
        className={errors?.length ? "is-invalid" : undefined}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, errors, hint)}
        required={required}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldMessages name={name} errors={errors} hint={hint} />
    </div>
  );
}

/** A file picker with its label above it (the layout rule for labels is in app/styles/app.css). */
export function FileField(props: Common & InputHTMLAttributes<HTMLInputElement>) {
  return <InputField {...props} type="file" />;
}

export function CheckboxField({ name, label, hint, ...input }: Omit<Common, "errors"> & InputHTMLAttributes<HTMLInputElement>) {
  const id = input.id ?? name;
  return (
    <div className="form-check mb-3">
      <input id={id} name={name} type="checkbox" aria-describedby={hint ? `${name}-hint` : undefined} {...input} />
      <label htmlFor={id}>{label}</label>
      <FieldMessages name={name} hint={hint} />
    </div>
  );
}

/** Lists the form's errors at the top, each linking to its field (WCAG 3.3.1). */
export function ErrorSummary({ failure, labels }: { failure?: FormFailure | null; labels: Record<string, string> }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (!failure) return null;
  const fields = Object.entries(failure.fieldErrors);
  if (!fields.length && !failure.formError) return null;
  return (
    <div className="alert alert-danger" role="alert" tabIndex={-1}>
      {failure.formError ? <p className="mb-1">{errorText(failure.formError)}</p> : null}
      {fields.length ? (
        <>
          <p className="mb-1">{t("form.errorSummary")}</p>
          <ul className="mb-0">
            {fields.map(([field, messages]) => (
              <li key={field}>
                <a href={`#${field}`}>{labels[field] ?? field}</a>: {messages.map(errorText).join(" ")}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
