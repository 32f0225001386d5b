// Limits of the live interaction, shared by the page's forms (browser) and the module (server).
export const CHAT_MAX_LENGTH = 500;
export const QUESTION_MAX_LENGTH = 500;
export const ANSWER_MAX_LENGTH = 2000;
export const POLL_QUESTION_MAX_LENGTH = 200;
export const POLL_OPTION_MAX_LENGTH = 120;
export const POLL_MAX_OPTIONS = 8;
export const ASSIST_MAX_LENGTH = 1000;
/** The base limit: one chat message a second per person. Slow mode raises it. */
export const CHAT_MIN_GAP_SECONDS = 1;
export const SLOW_MODE_CHOICES = [0, 5, 10, 30, 60] as const;
/** How many chat messages the page shows (older ones stay in the archive). */
export const CHAT_PAGE = 200;

export const QUESTION_STATES = ["PENDING", "OPEN", "ANSWERING", "ANSWERED_LIVE", "ANSWERED_WRITTEN", "DISMISSED"] as const;
export type QuestionState = (typeof QUESTION_STATES)[number];
/** The states a moderator moves a question to. */
export const MODERATOR_STATES = ["OPEN", "ANSWERING", "ANSWERED_LIVE", "ANSWERED_WRITTEN", "DISMISSED"] as const;

export const CANNED_ANSWERS = ["audioCheck", "browserPermissions", "reconnect"] as const;
export type CannedAnswer = (typeof CANNED_ANSWERS)[number];

// What the page's browser script receives over the streams (no identity for anonymous questions).
export type ChatView = { id: string; author: string; html: string; at: string };
export type QuestionView = {
  id: string;
  /** Null towards other attendees when the question is anonymous. */
  author: string | null;
  anonymous: boolean;
  body: string;
  state: QuestionState;
  answer: string | null;
  votes: number;
  at: string;
  /** Staff views only: who asked, even when anonymous. */
  askedBy?: string | null;
  fromRegistration?: boolean;
};
export type PollView = {
  id: string;
  question: string;
  multiple: boolean;
  state: "DRAFT" | "OPEN" | "CLOSED";
  showResults: boolean;
  options: { id: string; label: string; votes: number | null }[];
  /** Null when the results are not shown to this reader. */
  total: number | null;
};
export type SettingsView = { chatEnabled: boolean; slowModeSeconds: number; qaPremoderated: boolean };
export type AssistMessageView = { id: string; author: string; fromStaff: boolean; body: string; at: string };
export type AssistQueueEntry = { threadId: string; person: string; awaitingStaff: boolean; handledBy: string | null; lastMessageAt: string; closed: boolean };

export type QuestionSort = "votes" | "time";

/** Questions by votes or time; the one being answered first in either order. */
export function sortQuestions<Q extends { votes: number; at: string; state: QuestionState }>(questions: Q[], sort: QuestionSort): Q[] {
  const rank = (q: Q) => (q.state === "ANSWERING" ? 0 : 1);
  return [...questions].sort((a, b) => rank(a) - rank(b) || (sort === "votes" ? b.votes - a.votes : 0) || a.at.localeCompare(b.at));
}

