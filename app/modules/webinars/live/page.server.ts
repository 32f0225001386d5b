// Everything the live page shows, as this reader may see it, with the stream positions it was read
// at (the page's EventSources resume from there: nothing missed, nothing twice).
import { eventBus } from "~/lib/events/index.server.ts";
import { myThread, supportQueue, threadForStaff } from "./assist.server.ts";
import { chatParticipants, visibleMessages } from "./chat.server.ts";
import type { QuestionSort } from "./limits.ts";
import { presenceCount, touchPresence } from "./presence.server.ts";
import { pollsFor } from "./polls.server.ts";
import { importRegistrationQuestions, questionsFor } from "./qa.server.ts";
import { LiveRefusal, personStream, roomSettings, roomStream, staffStream, type Room } from "./room.server.ts";

export async function livePageData(room: Room, options: { sort: QuestionSort; threadId: string | null }) {
  if (room.open) {
    await importRegistrationQuestions(room);
    await touchPresence(room.webinar.id, room.user.id);
  }
  const webinarId = room.webinar.id;
  // Stream positions first: anything written while the page is read is replayed, never skipped.
  const [roomSeq, staffSeq, meSeq] = await Promise.all([
    eventBus().latestSeq(roomStream(webinarId)),
    room.staff ? eventBus().latestSeq(staffStream(webinarId)) : Promise.resolve(0),
    eventBus().latestSeq(personStream(webinarId, room.user.id)),
  ]);
  const [settings, messages, qa, polls, assist, queue, participants, presence] = await Promise.all([
    roomSettings(webinarId),
    visibleMessages(webinarId, !room.open),
    questionsFor(room, options.sort),
    pollsFor(room),
    myThread(room),
    supportQueue(room),
    room.mayModerate ? chatParticipants(webinarId) : Promise.resolve([]),
    room.staff && room.open ? presenceCount(webinarId) : Promise.resolve(null),
  ]);
  let thread = null;
  if (options.threadId && room.maySupport) {
    try {
      thread = await threadForStaff(room, options.threadId);
    } catch (error) {
      if (!(error instanceof LiveRefusal)) throw error;
    }
  }
  return {
    webinar: { id: webinarId, slug: room.webinar.slug, title: room.webinar.title, status: room.webinar.status as string, startsAt: room.webinar.startsAt.toISOString() },
    me: { id: room.user.id, name: room.user.name },
    powers: { open: room.open, staff: room.staff, moderate: room.mayModerate, host: room.mayHost, support: room.maySupport, muted: room.muted },
    settings: { chatEnabled: settings.chatEnabled, slowModeSeconds: settings.slowModeSeconds, qaPremoderated: settings.qaPremoderated },
    seq: { room: roomSeq, staff: staffSeq, me: meSeq },
    sort: options.sort,
    messages,
    questions: qa.questions,
    myVotes: qa.myVotes,
    polls: polls.polls,
    myChoices: polls.myChoices,
    assist,
    queue,
    thread,
    participants,
    presence,
  };
}
