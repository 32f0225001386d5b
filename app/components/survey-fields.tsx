// Small labelled fields for pages that hold many forms at once (the survey builder): every id is
// prefixed, so two forms never share an id, and errors are tied to their field.
import type { ReactNode } from "react";
import { useErrorText } from "~/components/forms.tsx";

type Props = { id: string; name: string; label: string; defaultValue?: string; errors?: string[]; hint?: ReactNode; required?: boolean };

function describedBy(id: string, errors?: string[], hint?: ReactNode) {
  return [errors?.length ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

function Messages({ id, errors, hint }: { id: string; errors?: string[]; hint?: ReactNode }) {
  const errorText = useErrorText();
  return (
    <>
      {hint ? (
        <small id={`${id}-hint`} className="form-text d-block">
          {hint}
        </small>
      ) : null}
      {errors?.length ? (
        <div id={`${id}-error`} className="invalid-feedback d-block">
          {errors.map(errorText).join(" ")}
        </div>
      ) : null}
    </>
  );
}

export function InputBox({ id, name, label, defaultValue, errors, hint, required, type = "text" }: Props & { type?: string }) {
  return (
    <div className="form-group">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        required={required}
        className={`form-control${errors?.length ? " is-invalid" : ""}`}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, errors, hint)}
      />
      <Messages id={id} errors={errors} hint={hint} />
    </div>
  );
}

export function TextBox({ id, name, label, defaultValue, errors, hint, required, rows = 3 }: Props & { rows?: number }) {
  return (
    <div className="form-group">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        required={required}
        className={`form-control${errors?.length ? " is-invalid" : ""}`}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, errors, hint)}
      />
      <Messages id={id} errors={errors} hint={hint} />
    </div>
  );
}

export function SelectBox({ id, name, label, defaultValue, errors, hint, options }: Props & { options: { value: string; label: string }[] }) {
  return (
    <div className="select-wrapper mb-3">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, errors, hint)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Messages id={id} errors={errors} hint={hint} />
    </div>
  );
}

/** A checkbox; without a `value` it sends "on" (React would otherwise render value="" and send an empty string). */
export function CheckBox({ id, name, label, defaultChecked, value = "on" }: { id: string; name: string; label: string; defaultChecked?: boolean; value?: string }) {
  return (
    <div className="form-check">
      <input id={id} name={name} type="checkbox" value={value} defaultChecked={defaultChecked} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
