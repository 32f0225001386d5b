// The live interaction panel of a webinar: chat, Q&A, polls, technical assistance and, for staff,
// moderation. Server-rendered from the loader's data and usable with plain forms; with JavaScript
// it follows the webinar's streams (EventSource) from the positions the page was rendered at, and
// its forms post in the background. The room page can embed it with the same data.
import { useFetcher, useActionData } from "@remix-run/react";
import { useEffect, useReducer, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "~/components/forms.tsx";
import { formatDateTime, formatTime } from "~/lib/dates.ts";
import {
  CANNED_ANSWERS,
  CHAT_MAX_LENGTH,
  MODERATOR_STATES,
  POLL_QUESTION_MAX_LENGTH,
  QUESTION_MAX_LENGTH,
  ASSIST_MAX_LENGTH,
  ANSWER_MAX_LENGTH,
  SLOW_MODE_CHOICES,
  sortQuestions,
  type AssistMessageView,
  type AssistQueueEntry,
  type ChatView,
  type PollView,
  type QuestionSort,
  type QuestionView,
  type SettingsView,
} from "~/modules/webinars/live/limits.ts";

export type LiveData = {
  webinar: {
    id: string;
    slug: string;
    title: string;
    status: string;
    startsAt: string;
  };
  me: { id: string; name: string };
  powers: {
    open: boolean;
    staff: boolean;
    moderate: boolean;
    host: boolean;
    support: boolean;
    muted: boolean;
  };
  settings: SettingsView;
  seq: { room: number; staff: number; me: number };
  sort: QuestionSort;
  messages: ChatView[];
  questions: QuestionView[];
  myVotes: string[];
  polls: PollView[];
  myChoices: { pollId: string; optionId: string }[];
  assist: AssistMessageView[];
  queue: AssistQueueEntry[];
  thread: { id: string; person: string; messages: AssistMessageView[] } | null;
  participants: {
    userId: string;
    name: string;
    muted: boolean;
    removed: boolean;
  }[];
  /** Staff only: people with the page open now. */
  presence: number | null;
};

type Channel = "room" | "staff" | "me";
type LiveEvent = { channel: Channel; seq: number; type: string; data: unknown };
type State = LiveData & { log: LiveEvent[] };

const upsert = <T extends { id: string }>(list: T[], item: T) =>
  list.some((x) => x.id === item.id)
    ? list.map((x) => (x.id === item.id ? item : x))
    : [...list, item];

function apply(state: State, event: LiveEvent): State {
  const { channel, type } = event;
  const staff = state.powers.staff;
  switch (`${channel}:${type}`) {
    case "room:chat":
      return {
        ...state,
        messages: upsert(state.messages, event.data as ChatView),
      };
    case "room:chat-hidden":
      return {
        ...state,
        messages: state.messages.filter(
          (m) => m.id !== (event.data as { id: string }).id
        ),
      };
    case "room:settings":
      return { ...state, settings: event.data as SettingsView };
    case "room:votes": {
      const { id, votes } = event.data as { id: string; votes: number };
      return {
        ...state,
        questions: state.questions.map((q) =>
          q.id === id ? { ...q, votes } : q
        ),
      };
    }
    case "room:question":
      return staff
        ? state
        : {
            ...state,
            questions: upsert(state.questions, event.data as QuestionView),
          };
    case "room:question-removed":
      return staff
        ? state
        : {
            ...state,
            questions: state.questions.filter(
              (q) => q.id !== (event.data as { id: string }).id
            ),
          };
    case "room:poll":
      return staff
        ? state
        : { ...state, polls: upsert(state.polls, event.data as PollView) };
    case "staff:question":
      return {
        ...state,
        questions: upsert(state.questions, event.data as QuestionView),
      };
    case "staff:poll":
      return { ...state, polls: upsert(state.polls, event.data as PollView) };
    case "staff:assist-queue": {
      const entry = event.data as AssistQueueEntry;
      const rest = state.queue.filter((q) => q.threadId !== entry.threadId);
      return { ...state, queue: [...rest, entry] };
    }
    case "staff:presence":
      return { ...state, presence: (event.data as { count: number }).count };
    case "me:assist-message":
      return {
        ...state,
        assist: upsert(state.assist, event.data as AssistMessageView),
      };
    default:
      return state;
  }
}

type Action =
  | { kind: "event"; event: LiveEvent }
  | { kind: "reset"; data: LiveData };

function reducer(state: State, action: Action): State {
  if (action.kind === "event") {
    const next = apply(state, action.event);
    return { ...next, log: [...state.log.slice(-300), action.event] };
  }
  // Newer loader data (after a form was sent): take it, then re-apply what the streams delivered
  // after the positions it was read at.
  let next: State = { ...action.data, log: state.log };
  for (const event of state.log)
    if (event.seq > action.data.seq[event.channel]) next = apply(next, event);
  return next;
}

const ROOM_EVENTS = [
  "chat",
  "chat-hidden",
  "settings",
  "votes",
  "question",
  "question-removed",
  "poll",
];
const STAFF_EVENTS = ["question", "poll", "assist-queue", "presence"];
const ME_EVENTS = ["assist-message"];

function useLive(data: LiveData) {
  const [state, dispatch] = useReducer(reducer, data, (initial) => ({
    ...initial,
    log: [],
  }));
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    dispatch({ kind: "reset", data });
  }, [data]);
  const from = useRef(data.seq);
  const { id } = data.webinar;
  const { staff } = data.powers;
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const sources: EventSource[] = [];
    const follow = (channel: Channel, types: string[]) => {
      // From the position the page was rendered at; on reconnects the browser sends Last-Event-ID.
      const source = new EventSource(
        `/events/webinar-live?webinar=${encodeURIComponent(
          id
        )}&channel=${channel}&lastEventId=${from.current[channel]}`
      );
      for (const type of types) {
        source.addEventListener(type, (message) => {
          const event = message as MessageEvent<string>;
          dispatch({
            kind: "event",
            event: {
              channel,
              seq: Number(event.lastEventId),
              type,
              data: JSON.parse(event.data),
            },
          });
        });
      }
      sources.push(source);
    };
    follow("room", ROOM_EVENTS);
    follow("me", ME_EVENTS);
    if (staff) follow("staff", STAFF_EVENTS);
    return () => sources.forEach((source) => source.close());
  }, [id, staff]);
  return state;
}

type LiveFailure = {
  ok: false;
  intent: string;
  formError?: string;
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
};

/** A form posting an intent to the live page: in the background with JavaScript, a plain post without. */
function LiveForm({
  slug,
  intent,
  children,
  className,
  resetOnSuccess,
  formKey,
  label,
}: {
  slug: string;
  intent: string;
  children: ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
  formKey?: string;
  label?: string;
}) {
  const fetcher = useFetcher<LiveFailure | { ok: true; intent: string }>();
  const actionData = useActionData<LiveFailure>();
  const errorText = useErrorText();
  const form = useRef<HTMLFormElement>(null);
  const failure =
    (fetcher.data && fetcher.data.ok === false ? fetcher.data : undefined) ??
    (actionData?.intent === intent &&
    actionData.values?.formKey === (formKey ?? "")
      ? actionData
      : undefined);
  const busy = fetcher.state !== "idle";
  const wasBusy = useRef(false);
  useEffect(() => {
    if (
      wasBusy.current &&
      !busy &&
      !(fetcher.data && fetcher.data.ok === false) &&
      resetOnSuccess
    )
      form.current?.reset();
    wasBusy.current = busy;
  }, [busy, fetcher.data, resetOnSuccess]);
  const messages = failure
    ? [failure.formError, ...Object.values(failure.fieldErrors).flat()].filter(
        (m): m is string => Boolean(m)
      )
    : [];
  return (
    <fetcher.Form
      method="post"
      action={`/webinars/${slug}/live`}
      className={className}
      ref={form}
      aria-label={label}
      noValidate
    >
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formKey" value={formKey ?? ""} />
      {messages.length ? (
        <div className="alert alert-danger py-2" role="alert">
          {messages.map(errorText).join(" ")}
        </div>
      ) : null}
      {children}
    </fetcher.Form>
  );
}

export function WebinarLivePanel({ data }: { data: LiveData }) {
  const state = useLive(data);
  const { t, i18n } = useTranslation("webinarLive");
  const { webinar, powers } = state;
  return (
    <div className="container page-section webinar-live">
      <h1>{t("heading", { title: webinar.title })}</h1>
      <p className="lead">
        {t(`status.${webinar.status}`, { defaultValue: webinar.status })} ·{" "}
        {formatDateTime(webinar.startsAt, i18n.language)}
      </p>
      {!powers.open ? (
        <p className="alert alert-info">{t("archiveNote")}</p>
      ) : null}
      {powers.staff && state.presence !== null ? (
        <p aria-live="polite" data-testid="presence">
          {t("presence", { count: state.presence })}
        </p>
      ) : null}
      <div className="row">
        <div className="col-lg-6">
          <ChatSection state={state} />
        </div>
        <div className="col-lg-6">
          <QaSection state={state} />
        </div>
      </div>
      <PollsSection state={state} />
      {powers.open ? <AssistSection state={state} /> : null}
      {powers.support ? <SupportQueue state={state} /> : null}
      {powers.moderate && powers.open ? <Moderation state={state} /> : null}
    </div>
  );
}

function ChatSection({ state }: { state: State }) {
  const { t, i18n } = useTranslation("webinarLive");
  const { powers, settings, webinar } = state;
  return (
    <section id="chat" aria-labelledby="chat-title" className="mb-5">
      <h2 id="chat-title">{t("chat.title")}</h2>
      {powers.open && !settings.chatEnabled ? (
        <p className="alert alert-warning">{t("chat.off")}</p>
      ) : null}
      {powers.open && settings.slowModeSeconds > 0 ? (
        <p className="small">
          {t("chat.slowMode", { count: settings.slowModeSeconds })}
        </p>
      ) : null}
      <div
        className="chat-log border rounded p-2 mb-3"
        role="log"
        aria-live="polite"
        aria-label={t("chat.log")}
        data-testid="chat-log"
      >
        <ol className="list-unstyled mb-0">
          {state.messages.length === 0 ? (
            <li className="text-muted">{t("chat.empty")}</li>
          ) : null}
          {state.messages.map((message) => (
            <li key={message.id} className="mb-2" data-message-id={message.id}>
              <strong>{message.author}</strong>{" "}
              <span className="small text-muted">
                {formatTime(message.at, i18n.language)}
              </span>
              <div
                className="user-content"
                dangerouslySetInnerHTML={{ __html: message.html }}
              />
              {powers.moderate && powers.open ? (
                <LiveForm
                  slug={webinar.slug}
                  intent="hide"
                  formKey={message.id}
                  className="d-inline"
                >
                  <input type="hidden" name="id" value={message.id} />
                  <button type="submit" className="btn btn-link btn-sm p-0">
                    {t("chat.hide")}
                    <span className="visually-hidden">
                      {" "}
                      {t("chat.hideWhose", { author: message.author })}
                    </span>
                  </button>
                </LiveForm>
              ) : null}
            </li>
          ))}
        </ol>
      </div>
      {powers.open && powers.muted ? (
        <p className="alert alert-warning">{t("chat.muted")}</p>
      ) : null}
      {powers.open &&
      !powers.muted &&
      (settings.chatEnabled || powers.moderate) ? (
        <LiveForm
          slug={webinar.slug}
          intent="chat"
          resetOnSuccess
          label={t("chat.formLabel")}
        >
          <div className="form-group">
            <label htmlFor="chat-message" className="active">
              {t("chat.message")}
            </label>
            <textarea
              id="chat-message"
              name="message"
              className="form-control"
              rows={2}
              maxLength={CHAT_MAX_LENGTH}
              aria-describedby="chat-message-hint"
            />
            <small id="chat-message-hint" className="form-text d-block">
              {t("chat.hint", { max: CHAT_MAX_LENGTH })}
            </small>
          </div>
          <button type="submit" className="btn btn-primary">
            {t("chat.send")}
          </button>
        </LiveForm>
      ) : null}
    </section>
  );
}

function QaSection({ state }: { state: State }) {
  const { t } = useTranslation("webinarLive");
  const { powers, webinar } = state;
  const questions = sortQuestions(state.questions, state.sort);
  const current = questions.find((q) => q.state === "ANSWERING");
  return (
    <section id="qa" aria-labelledby="qa-title" className="mb-5">
      <h2 id="qa-title">{t("qa.title")}</h2>
      {current ? (
        <div
          className="callout callout-highlight border-start border-4 border-primary ps-3 mb-3"
          data-testid="answering-now"
        >
          <p className="fw-semibold mb-1">{t("qa.answeringNow")}</p>
          <p className="mb-0 fs-5">{current.body}</p>
        </div>
      ) : null}
      <p className="small">
        {t("qa.sortBy")}{" "}
        <a
          href={`/webinars/${webinar.slug}/live?sort=votes#qa`}
          aria-current={state.sort === "votes" ? "true" : undefined}
        >
          {t("qa.sortVotes")}
        </a>{" "}
        ·{" "}
        <a
          href={`/webinars/${webinar.slug}/live?sort=time#qa`}
          aria-current={state.sort === "time" ? "true" : undefined}
        >
          {t("qa.sortTime")}
        </a>
      </p>
      {powers.staff ? (
        <p className="small">
          <a href={`/webinars/${webinar.slug}/live/questions.csv`} download>
            {t("csv.export")}
          </a>
        </p>
      ) : null}
      <ul className="list-unstyled" data-testid="questions">
        {questions.length === 0 ? (
          <li className="text-muted">{t("qa.empty")}</li>
        ) : null}
        {questions.map((question) => (
          <QuestionItem key={question.id} question={question} state={state} />
        ))}
      </ul>
      {powers.open ? (
        <LiveForm
          slug={webinar.slug}
          intent="ask"
          resetOnSuccess
          label={t("qa.formLabel")}
        >
          <div className="form-group">
            <label htmlFor="qa-question" className="active">
              {t("qa.question")}
            </label>
            <textarea
              id="qa-question"
              name="question"
              className="form-control"
              rows={2}
              maxLength={QUESTION_MAX_LENGTH}
              aria-describedby="qa-question-hint"
            />
            <small id="qa-question-hint" className="form-text d-block">
              {state.settings.qaPremoderated
                ? t("qa.premoderatedHint")
                : t("qa.hint", { max: QUESTION_MAX_LENGTH })}
            </small>
          </div>
          <div className="form-check mb-3">
            <input id="qa-anonymous" name="anonymous" type="checkbox" />
            <label htmlFor="qa-anonymous">{t("qa.anonymous")}</label>
          </div>
          <button type="submit" className="btn btn-primary">
            {t("qa.ask")}
          </button>
        </LiveForm>
      ) : null}
    </section>
  );
}

function QuestionItem({
  question,
  state,
}: {
  question: QuestionView;
  state: State;
}) {
  const { t } = useTranslation("webinarLive");
  const { powers, webinar } = state;
  const voted = state.myVotes.includes(question.id);
  const author = question.author ?? t("qa.anonymousAuthor");
  return (
    <li
      className={`card card-bg mb-2 p-2${
        question.state === "ANSWERING" ? " border border-primary" : ""
      }`}
      data-question-id={question.id}
    >
      <p className="mb-1">{question.body}</p>
      <p className="small mb-1">
        {author}
        {powers.staff && question.anonymous && question.askedBy
          ? ` (${t("qa.askedBy", { name: question.askedBy })})`
          : null}
        {question.fromRegistration ? ` · ${t("qa.fromRegistration")}` : null} ·{" "}
        <strong>{t(`qa.states.${question.state}`)}</strong> ·{" "}
        <span data-testid="votes">
          {t("qa.votes", { count: question.votes })}
        </span>
      </p>
      {question.answer ? (
        <p className="small mb-1">
          <strong>{t("qa.answer")}:</strong> {question.answer}
        </p>
      ) : null}
      {powers.open &&
      question.state !== "PENDING" &&
      question.state !== "DISMISSED" ? (
        <LiveForm
          slug={webinar.slug}
          intent="vote"
          formKey={question.id}
          className="d-inline"
        >
          <input type="hidden" name="id" value={question.id} />
          <button
            type="submit"
            className="btn btn-outline-primary btn-sm"
            aria-pressed={voted}
          >
            {voted ? t("qa.unvote") : t("qa.vote")}
            <span className="visually-hidden">
              {" "}
              {question.body.slice(0, 60)}
            </span>
          </button>
        </LiveForm>
      ) : null}
      {powers.staff && powers.open ? (
        <QuestionModeration question={question} slug={webinar.slug} />
      ) : null}
    </li>
  );
}

function QuestionModeration({
  question,
  slug,
}: {
  question: QuestionView;
  slug: string;
}) {
  const { t } = useTranslation("webinarLive");
  const answerId = `answer-${question.id}`;
  return (
    <details className="mt-2">
      <summary>{t("qa.moderate")}</summary>
      <div className="d-flex flex-wrap gap-2 mt-2">
        {MODERATOR_STATES.filter(
          (s) => s !== "ANSWERED_WRITTEN" && s !== question.state
        ).map((state) => (
          <LiveForm
            key={state}
            slug={slug}
            intent="question-state"
            formKey={`${question.id}-${state}`}
          >
            <input type="hidden" name="id" value={question.id} />
            <input type="hidden" name="state" value={state} />
            <button type="submit" className="btn btn-outline-secondary btn-sm">
              {t(`qa.actions.${state}`)}
            </button>
          </LiveForm>
        ))}
      </div>
      <LiveForm
        slug={slug}
        intent="question-state"
        formKey={`${question.id}-written`}
        className="mt-2"
      >
        <input type="hidden" name="id" value={question.id} />
        <input type="hidden" name="state" value="ANSWERED_WRITTEN" />
        <div className="form-group">
          <label htmlFor={answerId} className="active">
            {t("qa.writtenAnswer")}
          </label>
          <textarea
            id={answerId}
            name="answer"
            className="form-control"
            rows={2}
            maxLength={ANSWER_MAX_LENGTH}
            defaultValue={question.answer ?? ""}
          />
        </div>
        <button type="submit" className="btn btn-outline-primary btn-sm">
          {t("qa.actions.ANSWERED_WRITTEN")}
        </button>
      </LiveForm>
    </details>
  );
}

function PollsSection({ state }: { state: State }) {
  const { t } = useTranslation("webinarLive");
  const { powers, webinar } = state;
  if (!state.polls.length && !powers.host) return null;
  return (
    <section id="polls" aria-labelledby="polls-title" className="mb-5">
      <h2 id="polls-title">{t("polls.title")}</h2>
      {state.polls.length === 0 ? (
        <p className="text-muted">{t("polls.empty")}</p>
      ) : null}
      {state.polls.map((poll) => (
        <PollItem key={poll.id} poll={poll} state={state} />
      ))}
      {powers.host && powers.open ? (
        <details className="mt-3">
          <summary>{t("polls.prepare")}</summary>
          <LiveForm
            slug={webinar.slug}
            intent="poll-create"
            resetOnSuccess
            className="mt-2"
          >
            <div className="form-group">
              <label htmlFor="poll-question" className="active">
                {t("polls.question")}
              </label>
              <input
                id="poll-question"
                name="pollQuestion"
                type="text"
                className="form-control"
                maxLength={POLL_QUESTION_MAX_LENGTH}
              />
            </div>
            <div className="form-group">
              <label htmlFor="poll-options" className="active">
                {t("polls.options")}
              </label>
              <textarea
                id="poll-options"
                name="pollOptions"
                className="form-control"
                rows={4}
                aria-describedby="poll-options-hint"
              />
              <small id="poll-options-hint" className="form-text d-block">
                {t("polls.optionsHint")}
              </small>
            </div>
            <div className="form-check">
              <input id="poll-multiple" name="multiple" type="checkbox" />
              <label htmlFor="poll-multiple">{t("polls.multiple")}</label>
            </div>
            <div className="form-check mb-3">
              <input id="poll-show" name="showResults" type="checkbox" />
              <label htmlFor="poll-show">{t("polls.showResults")}</label>
            </div>
            <button type="submit" className="btn btn-primary">
              {t("polls.create")}
            </button>
          </LiveForm>
        </details>
      ) : null}
    </section>
  );
}

function PollItem({ poll, state }: { poll: PollView; state: State }) {
  const { t } = useTranslation("webinarLive");
  const { powers, webinar } = state;
  const mine = state.myChoices
    .filter((c) => c.pollId === poll.id)
    .map((c) => c.optionId);
  const answered = mine.length > 0;
  const legendId = `poll-${poll.id}-legend`;
  return (
    <div className="card card-bg mb-3 p-3" data-poll-id={poll.id}>
      <h3 className="h5">{poll.question}</h3>
      <p className="small">{t(`polls.states.${poll.state}`)}</p>
      {poll.state === "OPEN" && powers.open && !answered ? (
        <LiveForm slug={webinar.slug} intent="poll-answer" formKey={poll.id}>
          <input type="hidden" name="id" value={poll.id} />
          <fieldset>
            <legend id={legendId} className="h6">
              {poll.multiple ? t("polls.chooseMany") : t("polls.chooseOne")}
            </legend>
            {poll.options.map((option) => (
              <div className="form-check" key={option.id}>
                <input
                  id={`opt-${option.id}`}
                  name="option"
                  value={option.id}
                  type={poll.multiple ? "checkbox" : "radio"}
                />
                <label htmlFor={`opt-${option.id}`}>{option.label}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="btn btn-primary mt-2">
            {t("polls.answer")}
          </button>
        </LiveForm>
      ) : null}
      {answered ? <p className="small">{t("polls.answered")}</p> : null}
      {poll.total !== null ? (
        <ul
          className="list-unstyled mb-2"
          aria-label={t("polls.results")}
          data-testid="poll-results"
        >
          {poll.options.map((option) => (
            <li key={option.id}>
              {option.label}: {t("polls.votes", { count: option.votes ?? 0 })}
            </li>
          ))}
          <li className="small text-muted">
            {t("polls.total", { count: poll.total })}
          </li>
        </ul>
      ) : null}
      {powers.host && powers.open ? (
        <div className="d-flex flex-wrap gap-2">
          {(poll.state === "DRAFT"
            ? ["open"]
            : poll.state === "OPEN"
            ? ["close"]
            : []
          )
            .concat(poll.showResults ? ["hide"] : ["show"])
            .map((change) => (
              <LiveForm
                key={change}
                slug={webinar.slug}
                intent="poll-change"
                formKey={`${poll.id}-${change}`}
              >
                <input type="hidden" name="id" value={poll.id} />
                <input type="hidden" name="change" value={change} />
                <button
                  type="submit"
                  className="btn btn-outline-secondary btn-sm"
                >
                  {t(`polls.changes.${change}`)}
                </button>
              </LiveForm>
            ))}
        </div>
      ) : null}
    </div>
  );
}

function AssistSection({ state }: { state: State }) {
  const { t, i18n } = useTranslation("webinarLive");
  return (
    <section id="assist" aria-labelledby="assist-title" className="mb-5">
      <h2 id="assist-title">{t("assist.title")}</h2>
      <p>{t("assist.lead")}</p>
      <div
        className="border rounded p-2 mb-3"
        role="log"
        aria-live="polite"
        aria-label={t("assist.log")}
        data-testid="assist-log"
      >
        <ol className="list-unstyled mb-0">
          {state.assist.length === 0 ? (
            <li className="text-muted">{t("assist.empty")}</li>
          ) : null}
          {state.assist.map((message) => (
            <li key={message.id} className="mb-2">
              <strong>
                {message.fromStaff
                  ? t("assist.staff", { name: message.author })
                  : message.author}
              </strong>{" "}
              <span className="small text-muted">
                {formatTime(message.at, i18n.language)}
              </span>
              <p className="mb-0">{message.body}</p>
            </li>
          ))}
        </ol>
      </div>
      <LiveForm
        slug={state.webinar.slug}
        intent="help"
        resetOnSuccess
        label={t("assist.formLabel")}
      >
        <div className="form-group">
          <label htmlFor="assist-help" className="active">
            {t("assist.message")}
          </label>
          <textarea
            id="assist-help"
            name="help"
            className="form-control"
            rows={2}
            maxLength={ASSIST_MAX_LENGTH}
          />
        </div>
        <button type="submit" className="btn btn-primary">
          {t("assist.send")}
        </button>
      </LiveForm>
    </section>
  );
}

function SupportQueue({ state }: { state: State }) {
  const { t, i18n } = useTranslation("webinarLive");
  const queue = [...state.queue].sort(
    (a, b) =>
      Number(b.awaitingStaff) - Number(a.awaitingStaff) ||
      a.lastMessageAt.localeCompare(b.lastMessageAt)
  );
  const thread = state.thread;
  return (
    <section id="support" aria-labelledby="support-title" className="mb-5">
      <h2 id="support-title">{t("support.title")}</h2>
      {queue.length === 0 ? (
        <p className="text-muted">{t("support.empty")}</p>
      ) : null}
      <ul className="list-unstyled" data-testid="support-queue">
        {queue.map((entry) => (
          <li key={entry.threadId} className="mb-1">
            <a
              href={`/webinars/${
                state.webinar.slug
              }/live?thread=${encodeURIComponent(entry.threadId)}#support`}
            >
              {entry.person}
            </a>{" "}
            ·{" "}
            {entry.awaitingStaff ? (
              <strong>{t("support.waiting")}</strong>
            ) : (
              t("support.answered")
            )}{" "}
            ·{" "}
            {entry.handledBy
              ? t("support.handledBy", { name: entry.handledBy })
              : t("support.nobody")}{" "}
            · {formatTime(entry.lastMessageAt, i18n.language)}
          </li>
        ))}
      </ul>
      {thread ? (
        <div className="card card-bg p-3">
          <h3 className="h5">
            {t("support.threadWith", { name: thread.person })}
          </h3>
          <ol className="list-unstyled">
            {thread.messages.map((message) => (
              <li key={message.id}>
                <strong>{message.author}</strong>: {message.body}
              </li>
            ))}
          </ol>
          <LiveForm
            slug={state.webinar.slug}
            intent="take"
            formKey={`take-${thread.id}`}
          >
            <input type="hidden" name="id" value={thread.id} />
            <button
              type="submit"
              className="btn btn-outline-secondary btn-sm mb-2"
            >
              {t("support.take")}
            </button>
          </LiveForm>
          <LiveForm
            slug={state.webinar.slug}
            intent="reply"
            formKey={`reply-${thread.id}`}
            resetOnSuccess
          >
            <input type="hidden" name="id" value={thread.id} />
            <div className="form-group">
              <label htmlFor="support-reply" className="active">
                {t("support.reply")}
              </label>
              <textarea
                id="support-reply"
                name="reply"
                className="form-control"
                rows={2}
                maxLength={ASSIST_MAX_LENGTH}
              />
            </div>
            <div className="form-group">
              <label htmlFor="support-canned" className="active">
                {t("support.canned")}
              </label>
              <select
                id="support-canned"
                name="canned"
                className="form-control"
              >
                <option value="">{t("support.noCanned")}</option>
                {CANNED_ANSWERS.map((canned) => (
                  <option key={canned} value={canned}>
                    {t(`assist.canned.${canned}.label`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn btn-primary">
              {t("support.send")}
            </button>
          </LiveForm>
        </div>
      ) : null}
    </section>
  );
}

function Moderation({ state }: { state: State }) {
  const { t } = useTranslation("webinarLive");
  const { settings, webinar } = state;
  return (
    <section
      id="moderation"
      aria-labelledby="moderation-title"
      className="mb-5"
    >
      <h2 id="moderation-title">{t("moderation.title")}</h2>
      <LiveForm
        slug={webinar.slug}
        intent="settings"
        label={t("moderation.settings")}
      >
        <div className="form-check">
          <input
            id="set-chat"
            name="chatEnabled"
            type="checkbox"
            defaultChecked={settings.chatEnabled}
            key={`c${settings.chatEnabled}`}
          />
          <label htmlFor="set-chat">{t("moderation.chatEnabled")}</label>
        </div>
        <div className="form-check">
          <input
            id="set-premod"
            name="qaPremoderated"
            type="checkbox"
            defaultChecked={settings.qaPremoderated}
            key={`p${settings.qaPremoderated}`}
          />
          <label htmlFor="set-premod">{t("moderation.qaPremoderated")}</label>
        </div>
        <div className="form-group">
          <label htmlFor="set-slow" className="active">
            {t("moderation.slowMode")}
          </label>
          <select
            id="set-slow"
            name="slowModeSeconds"
            className="form-control"
            defaultValue={String(settings.slowModeSeconds)}
            key={`s${settings.slowModeSeconds}`}
          >
            {SLOW_MODE_CHOICES.map((seconds) => (
              <option key={seconds} value={seconds}>
                {seconds === 0
                  ? t("moderation.slowOff")
                  : t("moderation.slowSeconds", { count: seconds })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-primary">
          {t("moderation.save")}
        </button>
      </LiveForm>
      <h3 className="h5 mt-4">{t("moderation.people")}</h3>
      {state.participants.length === 0 ? (
        <p className="text-muted">{t("moderation.nobody")}</p>
      ) : null}
      <ul className="list-unstyled">
        {state.participants
          .filter((person) => person.userId !== state.me.id)
          .map((person) => (
            <li
              key={person.userId}
              className="d-flex flex-wrap gap-2 align-items-center mb-1"
            >
              <span>
                {person.name}
                {person.muted ? ` · ${t("moderation.isMuted")}` : ""}
                {person.removed ? ` · ${t("moderation.isRemoved")}` : ""}
              </span>
              {[
                person.muted ? "unmute" : "mute",
                person.removed ? "readmit" : "remove",
              ].map((intent) => (
                <LiveForm
                  key={intent}
                  slug={webinar.slug}
                  intent={intent}
                  formKey={`${intent}-${person.userId}`}
                  className="d-inline"
                >
                  <input type="hidden" name="id" value={person.userId} />
                  <button
                    type="submit"
                    className="btn btn-outline-secondary btn-sm"
                  >
                    {t(`moderation.${intent}`)}
                    <span className="visually-hidden"> {person.name}</span>
                  </button>
                </LiveForm>
              ))}
            </li>
          ))}
      </ul>
    </section>
  );
}
