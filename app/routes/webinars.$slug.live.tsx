// /webinars/<slug>/live: chat, Q&A, polls and technical assistance of a webinar. Works without
// JavaScript (plain forms, the answer redirects back here); with JavaScript the page follows the
// webinar's event streams and updates live. After the webinar it is the read-only archive.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { WebinarLivePanel, type LiveData } from "~/components/webinar-live.tsx";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { badRequest } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { checkbox, requiredText, optionalText } from "~/lib/validation.ts";
import { askForHelp, replyToThread, takeThread } from "~/modules/webinars/live/assist.server.ts";
import { hideMessage, postChat, setMuted, setRemoved, updateSettings } from "~/modules/webinars/live/chat.server.ts";
import {
  ANSWER_MAX_LENGTH,
  ASSIST_MAX_LENGTH,
  CANNED_ANSWERS,
  CHAT_MAX_LENGTH,
  MODERATOR_STATES,
  POLL_MAX_OPTIONS,
  POLL_OPTION_MAX_LENGTH,
  POLL_QUESTION_MAX_LENGTH,
  QUESTION_MAX_LENGTH,
  SLOW_MODE_CHOICES,
} from "~/modules/webinars/live/limits.ts";
import { answerPoll, changePoll, createPoll } from "~/modules/webinars/live/polls.server.ts";
import { askQuestion, setQuestionState, toggleVote } from "~/modules/webinars/live/qa.server.ts";
import { livePageData } from "~/modules/webinars/live/page.server.ts";
import { LiveRefusal, loadRoom } from "~/modules/webinars/live/room.server.ts";

export const meta = titleMeta("webinarLive:title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const room = await loadRoom(request, params.slug ?? "");
  const url = new URL(request.url);
  const data = await livePageData(room, { sort: url.searchParams.get("sort") === "time" ? "time" : "votes", threadId: url.searchParams.get("thread") });
  return json(data, { headers: { "Cache-Control": "private, no-store" } });
}

const chatSchema = z.object({ message: requiredText(CHAT_MAX_LENGTH, { multiline: true }) });
const askSchema = z.object({ question: requiredText(QUESTION_MAX_LENGTH, { multiline: true }), anonymous: checkbox });
const idSchema = z.object({ id: z.string().min(1).max(64) });
const stateSchema = z.object({
  id: z.string().min(1).max(64),
  state: z.enum(MODERATOR_STATES, { errorMap: () => ({ message: "validation.invalid" }) }),
  answer: optionalText(ANSWER_MAX_LENGTH, { multiline: true }),
});
const settingsSchema = z.object({
  chatEnabled: checkbox,
  qaPremoderated: checkbox,
  slowModeSeconds: z.coerce
    .number({ invalid_type_error: "validation.invalid" })
    .int("validation.invalid")
    .refine((value) => (SLOW_MODE_CHOICES as readonly number[]).includes(value), "validation.invalid"),
});
const pollSchema = z.object({
  pollQuestion: requiredText(POLL_QUESTION_MAX_LENGTH),
  pollOptions: requiredText(POLL_MAX_OPTIONS * (POLL_OPTION_MAX_LENGTH + 2), { multiline: true }).transform((text, ctx) => {
    const options = text
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    if (options.length < 2 || options.length > POLL_MAX_OPTIONS) {
      ctx.addIssue({ code: "custom", message: `webinarLive:errors.pollOptionCount?max=${POLL_MAX_OPTIONS}` });
      return z.NEVER;
    }
    if (options.some((option) => option.length > POLL_OPTION_MAX_LENGTH)) {
      ctx.addIssue({ code: "custom", message: `validation.tooLong?max=${POLL_OPTION_MAX_LENGTH}` });
      return z.NEVER;
    }
    return options;
  }),
  multiple: checkbox,
  showResults: checkbox,
});
const pollChangeSchema = z.object({ id: z.string().min(1).max(64), change: z.enum(["open", "close", "show", "hide"]) });
const helpSchema = z.object({ help: requiredText(ASSIST_MAX_LENGTH, { multiline: true }) });
const replySchema = z.object({
  id: z.string().min(1).max(64),
  reply: optionalText(ASSIST_MAX_LENGTH, { multiline: true }),
  canned: z.enum(CANNED_ANSWERS).optional().or(z.literal("").transform(() => undefined)),
});

export type LiveActionData = (FormFailure | { ok: true }) & { intent: string };

function failed(intent: string, formData: FormData, failure: FormFailure, status = 400) {
  return json<LiveActionData>({ ...failure, intent }, { status });
}

/** What attendees do many times a minute: these read the room from the copies held a few seconds. */
const HOT_INTENTS = new Set(["chat", "vote", "ask", "poll-answer"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  let room = await loadRoom(request, params.slug ?? "", { held: true });
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  // Moderation, hosting and support read the room afresh.
  if (!HOT_INTENTS.has(intent)) room = await loadRoom(request, params.slug ?? "");
  const meta = { ipAddress: context.clientIp };
  const back = (hash: string, query = "") => redirect(`/webinars/${room.webinar.slug}/live${query}#${hash}`);
  const run = async <S extends z.ZodTypeAny>(schema: S, work: (data: z.output<S>) => Promise<Response>): Promise<Response> => {
    const parsed = parseForm(formData, schema);
    if (!parsed.ok) return failed(intent, formData, parsed);
    try {
      return await work(parsed.data);
    } catch (error) {
      if (!(error instanceof LiveRefusal)) throw error;
      const values: Record<string, string> = {};
      for (const [key, value] of formData) if (typeof value === "string" && key !== "intent") values[key] = value;
      const query = new URLSearchParams(Object.entries(error.values).map(([k, v]) => [k, String(v)])).toString();
      const headers = error.status === 429 ? { "Retry-After": String(error.values.count ?? 1) } : undefined;
      return json<LiveActionData>({ ok: false, intent, fieldErrors: {}, formError: query ? `${error.reason}?${query}` : error.reason, values }, { status: error.status, headers });
    }
  };
  switch (intent) {
    case "chat":
      return run(chatSchema, async ({ message }) => (await postChat(room, message), back("chat")));
    case "hide":
      return run(idSchema, async ({ id }) => (await hideMessage(room, id, meta), back("chat")));
    case "mute":
    case "unmute":
      return run(idSchema, async ({ id }) => (await setMuted(room, id, intent === "mute", meta), back("moderation")));
    case "remove":
    case "readmit":
      return run(idSchema, async ({ id }) => (await setRemoved(room, id, intent === "remove", meta), back("moderation")));
    case "settings":
      return run(settingsSchema, async (data) => (await updateSettings(room, data, meta), back("moderation")));
    case "ask":
      return run(askSchema, async ({ question, anonymous }) => (await askQuestion(room, { body: question, anonymous }), back("qa")));
    case "vote":
      return run(idSchema, async ({ id }) => (await toggleVote(room, id), back("qa")));
    case "question-state":
      return run(stateSchema, async ({ id, state, answer }) => (await setQuestionState(room, id, state, answer), back("qa")));
    case "poll-create":
      return run(pollSchema, async (data) => (await createPoll(room, { question: data.pollQuestion, options: data.pollOptions, multiple: data.multiple, showResults: data.showResults }), back("polls")));
    case "poll-change":
      return run(pollChangeSchema, async ({ id, change }) => (await changePoll(room, id, change), back("polls")));
    case "poll-answer":
      return run(idSchema, async ({ id }) => (await answerPoll(room, id, formData.getAll("option").map(String)), back("polls")));
    case "help":
      return run(helpSchema, async ({ help }) => (await askForHelp(room, help), back("assist")));
    case "reply":
      return run(replySchema, async ({ id, reply, canned }) => (await replyToThread(room, id, { body: reply, canned }), back("assist", `?thread=${encodeURIComponent(id)}`)));
    case "take":
      return run(idSchema, async ({ id }) => (await takeThread(room, id), back("assist", `?thread=${encodeURIComponent(id)}`)));
    default:
      throw badRequest();
  }
}

export default function WebinarLivePage() {
  const data = useLoaderData<typeof loader>();
  return <WebinarLivePanel data={data as unknown as LiveData} />;
}
