// A file upload form with a progress bar. With JavaScript the file goes through XMLHttpRequest
// (a Remix data request asking for JSON) so the bar can follow the bytes sent, then the page moves
// to the address the action answers with ({ to }); a refusal ({ problem }) shows above the field.
// Without JavaScript the same form posts normally (multipart) and the action redirects or answers
// with the page and its problem. Used by recordings and the file area.
import { Form, useMatches } from "@remix-run/react";
import { useState, type FormEvent, type ReactNode } from "react";

/** What an upload action answers with a refusal (JSON for the script, page data without it). */
export type UploadFailure = { problem?: { key: string; values?: Record<string, string | number> } };

type Props = {
  /** The file input's name and id. */
  field: string;
  label: string;
  hint: string;
  /** The `accept` attribute (a hint to the browser; the server checks the content). */
  accept: string;
  submitLabel: string;
  /** "Caricamento: 42%" */
  progressLabel: (percent: number) => string;
  /** Translates a refusal from the server (its key and values). */
  describe: (problem: NonNullable<UploadFailure["problem"]>) => string;
  /** Said when the connection fails or the answer is not understood. */
  failedText: string;
  /** The refusal of a post made without JavaScript, to show above the field. */
  serverProblem?: string | null;
  /** Heading of the form (named by aria-labelledby). */
  heading?: ReactNode;
  headingId?: string;
  action?: string;
  /** Extra fields (hidden inputs) sent with the file. */
  children?: ReactNode;
};

export function ProgressUploadForm({ field, label, hint, accept, submitLabel, progressLabel, describe, failedText, serverProblem, heading, headingId, action, children }: Props) {
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The script posts as a Remix data request (`_data=<route id>`), so the action's JSON comes back
  // as JSON (a plain POST to the page's address would answer with the rendered page).
  const matches = useMatches();
  const routeId = matches[matches.length - 1]?.id ?? "";
  function submit(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const file = (form.elements.namedItem(field) as HTMLInputElement).files?.[0];
    if (!file) return;
    event.preventDefault();
    setProblem(null);
    setProgress(0);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${form.action}${form.action.includes("?") ? "&" : "?"}_data=${encodeURIComponent(routeId)}`);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      if (xhr.status < 300) {
        let to = form.action.replace(/\?index$/, "");
        try {
          to = (JSON.parse(xhr.responseText) as { to?: string }).to ?? to;
        } catch {
          // keep the form's own address
        }
        return window.location.assign(to);
      }
      setProgress(null);
      try {
        const body = JSON.parse(xhr.responseText) as UploadFailure;
        setProblem(body.problem ? describe(body.problem) : failedText);
      } catch {
        setProblem(failedText);
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setProblem(failedText);
    };
    xhr.send(new FormData(form));
  }
  const shown = problem ?? serverProblem ?? null;
  return (
    <Form method="post" encType="multipart/form-data" action={action} onSubmit={submit} reloadDocument aria-labelledby={heading ? headingId : undefined}>
      {heading}
      {shown ? (
        <div className="alert alert-danger" role="alert">
          {shown}
        </div>
      ) : null}
      {children}
      <div className="form-group">
        <label htmlFor={field} className="active">
          {label}
        </label>
        <input id={field} name={field} type="file" className="form-control" accept={accept} required aria-describedby={`${field}-hint`} />
        <small id={`${field}-hint`} className="form-text">
          {hint}
        </small>
      </div>
      {progress !== null ? (
        <div className="mb-3">
          <label htmlFor={`${field}-progress`}>{progressLabel(progress)}</label>
          <progress id={`${field}-progress`} className="w-100" max={100} value={progress} />
        </div>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={progress !== null}>
        {submitLabel}
      </button>
    </Form>
  );
}
