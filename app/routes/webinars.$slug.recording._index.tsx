// /webinars/<slug>/recording: the replay page. Those the webinar's audience admits and whose
// enrolment includes recordings watch each recording (seeking through Range requests), jump to
// its chapters, read its captions and download it; the player reports the seconds watched. The
// webinar's hosts (and staff) also upload a video, edit chapters, upload WebVTT captions and see
// failed egress recordings with their error. Beside the video, the chat and Q&A archive
// (archive.server.ts); `?t=<seconds>&r=<recording>` starts a player at an answer's moment.
import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ReplayArchive } from "~/components/recordings/archive.tsx";
import { ProgressUploadForm } from "~/components/progress-upload-form.tsx";
import { RecordingPlayer } from "~/components/recordings/player.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { badRequest, notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { allowedExtensions, formatBytes } from "~/lib/uploads/file-kinds.ts";
import { can } from "~/modules/access/policy.server.ts";
import {
  replayArchive,
  startSecondsParam,
} from "~/modules/webinars/recordings/archive.server.ts";
import {
  requireReplay,
  requireWebinarPower,
} from "~/modules/webinars/recordings/access.server.ts";
import {
  deleteRecording,
  egressStates,
  playableRecordings,
  recordingOf,
  saveChapters,
  uploadCaptions,
  uploadMaxBytes,
  uploadRecording,
  VIDEO_KINDS,
} from "~/modules/webinars/recordings/recordings.server.ts";
import { formatTime } from "~/modules/webinars/recordings/text-formats.ts";
import { webinarTitle } from "~/modules/webinars/recordings/titles.server.ts";

export const meta = titleMeta("recordings:replay.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const { user, webinar } = await requireReplay(request, slug);
  const manages = can(user, "webinar.recording.manage", webinar).allowed;
  const [recordings, title, archive] = await Promise.all([
    playableRecordings(webinar.id),
    webinarTitle(webinar.id),
    replayArchive(webinar.id),
  ]);
  const egress = manages
    ? (await egressStates(webinar.id)).map((e) => ({
        id: e.id,
        status: e.status as string,
        error: e.error,
      }))
    : [];
  // ?t=<seconds>&r=<recording>: a moment linked from the archive (the first recording when r is absent).
  const url = new URL(request.url);
  const startSeconds = startSecondsParam(url.searchParams.get("t"));
  const startRecordingId =
    startSeconds === null
      ? null
      : (
          recordings.find((r) => r.id === url.searchParams.get("r")) ??
          recordings[0]
        )?.id ?? null;
  return json({
    slug,
    title,
    recordings,
    archive,
    start: startRecordingId
      ? { recordingId: startRecordingId, seconds: startSeconds }
      : null,
    manages,
    egress,
    maxBytes: uploadMaxBytes(),
    accept: allowedExtensions(VIDEO_KINDS),
  });
}

type ActionResult = {
  problem?: { key: string; values?: Record<string, string | number> };
  recordingId?: string;
  chapters?: string;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const slug = params.slug ?? "";
  const { user, webinar } = await requireWebinarPower(
    request,
    slug,
    "webinar.recording.manage"
  );
  const here = `/webinars/${slug}/recording`;
  const url = new URL(request.url);
  const wantsJson = request.headers.get("Accept")?.includes("application/json");
  if (
    (request.headers.get("Content-Type") ?? "").startsWith(
      "multipart/form-data"
    )
  ) {
    const captionsFor = url.searchParams.get("captions");
    if (captionsFor) {
      if (!(await recordingOf(webinar.id, captionsFor))) throw notFound();
      const outcome = await uploadCaptions(request, captionsFor);
      if (!outcome.ok)
        return json<ActionResult>(
          { problem: outcome.problem, recordingId: captionsFor },
          { status: outcome.problem.status }
        );
      return redirectWithFlash(here, {
        type: "success",
        message: "recordings:captions.saved",
      });
    }
    const outcome = await uploadRecording(request, webinar.id, user.id, {
      ipAddress: context.clientIp,
    });
    if (!outcome.ok)
      return json<ActionResult>(
        { problem: outcome.problem },
        { status: outcome.problem.status }
      );
    if (wantsJson) return json({ to: here });
    return redirectWithFlash(here, {
      type: "success",
      message: "recordings:upload.saved",
    });
  }
  const form = await readForm(request);
  const recordingId = String(form.get("recordingId") ?? "");
  const recording = recordingId
    ? await recordingOf(webinar.id, recordingId)
    : null;
  if (!recording) throw badRequest();
  switch (form.get("intent")) {
    case "chapters": {
      const source = String(form.get("chapters") ?? "").slice(0, 20_000);
      const saved = await saveChapters(
        recording.id,
        source,
        recording.durationSeconds
      );
      if (!saved.ok)
        return json<ActionResult>(
          {
            problem: { key: saved.key, values: saved.values },
            recordingId,
            chapters: source,
          },
          { status: 400 }
        );
      return redirectWithFlash(here, {
        type: "success",
        message: "recordings:chapters.saved",
      });
    }
    case "delete":
      await deleteRecording(recording.id, user.id, {
        ipAddress: context.clientIp,
      });
      return redirectWithFlash(here, {
        type: "success",
        message: "recordings:upload.deleted",
      });
    default:
      throw badRequest();
  }
}

function UploadForm({
  maxBytes,
  accept,
}: {
  maxBytes: number;
  accept: string;
}) {
  const { t } = useTranslation("recordings");
  const failure = useActionData<typeof action>() as ActionResult | undefined;
  return (
    <ProgressUploadForm
      field="video"
      label={t("upload.file")}
      hint={t("upload.hint", { accept, max: formatBytes(maxBytes) })}
      accept=".mp4,.webm,video/mp4,video/webm"
      submitLabel={t("upload.submit")}
      progressLabel={(percent) => t("upload.progress", { percent })}
      describe={(problem) => t(problem.key, problem.values)}
      failedText={t("upload.failed")}
      serverProblem={failure?.problem && !failure.recordingId ? t(failure.problem.key, failure.problem.values) : null}
      headingId="upload-title"
      heading={
        <h3 id="upload-title" className="h4">
          {t("upload.title")}
        </h3>
      }
    />
  );
}

export default function ReplayPage() {
  const {
    slug,
    title,
    recordings,
    archive,
    start,
    manages,
    egress,
    maxBytes,
    accept,
  } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as ActionResult | undefined;
  const { t } = useTranslation("recordings");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const chapterError = (id: string) =>
    failure?.recordingId === id &&
    failure.chapters !== undefined &&
    failure.problem
      ? t(failure.problem.key, failure.problem.values)
      : null;
  return (
    <div className="container page-section">
      <h1>{t("replay.heading", { title })}</h1>
      {recordings.length === 0 ? <p>{t("replay.none")}</p> : null}
      <div className="row">
        <div className={recordings.length ? "col-lg-8" : "col-12"}>
          {recordings.map((recording, index) => (
            <section
              key={recording.id}
              className="mb-5"
              aria-labelledby={`recording-${recording.id}`}
            >
              <h2 id={`recording-${recording.id}`}>
                {recordings.length > 1
                  ? t("replay.partN", { n: index + 1 })
                  : t("replay.video")}
              </h2>
              <RecordingPlayer
                slug={slug}
                recording={recording}
                hydrated={hydrated}
                startAt={
                  start?.recordingId === recording.id ? start.seconds : null
                }
              />
              {manages ? (
                <div className="card card-bg mt-3">
                  <div className="card-body">
                    <Form method="post">
                      <input type="hidden" name="intent" value="chapters" />
                      <input
                        type="hidden"
                        name="recordingId"
                        value={recording.id}
                      />
                      <div className="form-group">
                        <label
                          htmlFor={`chapters-${recording.id}`}
                          className="active"
                        >
                          {t("chapters.label")}
                        </label>
                        <textarea
                          id={`chapters-${recording.id}`}
                          name="chapters"
                          rows={5}
                          className={`form-control${
                            chapterError(recording.id) ? " is-invalid" : ""
                          }`}
                          aria-describedby={`chapters-${recording.id}-hint${
                            chapterError(recording.id)
                              ? ` chapters-${recording.id}-error`
                              : ""
                          }`}
                          aria-invalid={
                            chapterError(recording.id) ? true : undefined
                          }
                          defaultValue={
                            failure?.recordingId === recording.id &&
                            failure.chapters !== undefined
                              ? failure.chapters
                              : recording.chapters
                                  .map(
                                    (c) =>
                                      `${formatTime(c.startSeconds)} ${c.title}`
                                  )
                                  .join("\n")
                          }
                        />
                        <small
                          id={`chapters-${recording.id}-hint`}
                          className="form-text"
                        >
                          {t("chapters.hint")}
                        </small>
                        {chapterError(recording.id) ? (
                          <div
                            id={`chapters-${recording.id}-error`}
                            className="invalid-feedback d-block"
                          >
                            {chapterError(recording.id)}
                          </div>
                        ) : null}
                      </div>
                      <button type="submit" className="btn btn-outline-primary">
                        {t("chapters.save")}
                      </button>
                    </Form>
                    <Form
                      method="post"
                      encType="multipart/form-data"
                      action={`/webinars/${slug}/recording?captions=${recording.id}`}
                      reloadDocument
                      className="mt-4"
                    >
                      {failure?.recordingId === recording.id &&
                      failure.chapters === undefined &&
                      failure.problem ? (
                        <div className="alert alert-danger" role="alert">
                          {t(failure.problem.key, failure.problem.values)}
                        </div>
                      ) : null}
                      <div className="form-group">
                        <label
                          htmlFor={`captions-${recording.id}`}
                          className="active"
                        >
                          {t("captions.file")}
                        </label>
                        <input
                          id={`captions-${recording.id}`}
                          name="captions"
                          type="file"
                          accept=".vtt,text/vtt"
                          className="form-control"
                          required
                        />
                      </div>
                      <input type="hidden" name="lang" value="it" />
                      <button type="submit" className="btn btn-outline-primary">
                        {t("captions.submit")}
                      </button>
                    </Form>
                    <Form method="post" className="mt-4">
                      <input type="hidden" name="intent" value="delete" />
                      <input
                        type="hidden"
                        name="recordingId"
                        value={recording.id}
                      />
                      <button type="submit" className="btn btn-outline-danger">
                        {t("upload.delete")}
                      </button>
                    </Form>
                  </div>
                </div>
              ) : null}
            </section>
          ))}
        </div>
        {recordings.length ? (
          <div className="col-lg-4">
            <ReplayArchive slug={slug} items={archive} hydrated={hydrated} />
          </div>
        ) : null}
      </div>
      {manages ? (
        <section aria-labelledby="manage-title" className="mt-5">
          <h2 id="manage-title">{t("manage.title")}</h2>
          {egress.length ? (
            <ul>
              {egress.map((e) => (
                <li key={e.id}>
                  {t(`manage.status.${e.status}`)}
                  {e.error ? `: ${e.error}` : ""}
                </li>
              ))}
            </ul>
          ) : null}
          <UploadForm maxBytes={maxBytes} accept={accept} />
        </section>
      ) : null}
      <p className="mt-4">
        <a href={`/webinars/${slug}`}>{t("replay.back")}</a>
      </p>
    </div>
  );
}
