// Text a host types or uploads for a recording: chapters ("mm:ss Title" or "h:mm:ss Title", one
// per line) and WebVTT captions (checked to be a WebVTT file the browser will show: the header,
// then cues whose timings are well formed and do not run backwards). Pure.

export type ChapterInput = { startSeconds: number; title: string };
export type TextProblem = { key: string; values?: Record<string, string | number> };

const TIME = /^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)$/;

export function parseTime(text: string): number | null {
  const match = TIME.exec(text.trim());
  if (!match) return null;
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

export function formatTime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = String(m).padStart(h ? 2 : 1, "0");
  return `${h ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

export const MAX_CHAPTERS = 100;

export function parseChapters(source: string, durationSeconds: number | null): ({ ok: true; chapters: ChapterInput[] } | ({ ok: false } & TextProblem)) {
  const chapters: ChapterInput[] = [];
  const lines = source.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const space = line.search(/\s/);
    const seconds = space > 0 ? parseTime(line.slice(0, space)) : null;
    const title = space > 0 ? line.slice(space).trim() : "";
    if (seconds === null || !title || title.length > 200 || [...title].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)) return { ok: false, key: "recordings:chapters.badLine", values: { line: index + 1 } };
    if (durationSeconds !== null && seconds >= durationSeconds) return { ok: false, key: "recordings:chapters.pastEnd", values: { line: index + 1 } };
    chapters.push({ startSeconds: seconds, title });
  }
  if (chapters.length > MAX_CHAPTERS) return { ok: false, key: "recordings:chapters.tooMany", values: { max: MAX_CHAPTERS } };
  chapters.sort((a, b) => a.startSeconds - b.startSeconds);
  return { ok: true, chapters };
}

const CUE_TIME = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const cueSeconds = (text: string) => {
  const match = CUE_TIME.exec(text);
  return match ? Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]) + Number(match[4]) / 1000 : null;
};

/** Null when `text` is a usable WebVTT file, otherwise what is wrong (with the line number). */
export function validateWebVtt(text: string): TextProblem | null {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? "")) return { key: "recordings:captions.noHeader" };
  if (text.includes("\u0000")) return { key: "recordings:captions.binary" };
  let cues = 0;
  for (const [index, line] of lines.entries()) {
    if (!line.includes("-->")) continue;
    const [startText, rest] = line.split("-->");
    const endText = rest.trim().split(/\s+/)[0];
    const start = cueSeconds(startText.trim());
    const end = cueSeconds(endText);
    if (start === null || end === null || end < start) return { key: "recordings:captions.badTiming", values: { line: index + 1 } };
    cues += 1;
  }
  if (cues === 0) return { key: "recordings:captions.noCues" };
  return null;
}
