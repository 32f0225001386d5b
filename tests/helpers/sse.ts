// A Server-Sent Events client for tests: reads frames from a fetch() body as a browser's
// EventSource would parse them (id, event, data, retry; comment lines ignored).
export type SseFrame = { id?: string; event?: string; data?: string; retry?: number };

export function sseReader(response: Response) {
  const frames: SseFrame[] = [];
  const comments: string[] = [];
  let ended = false;
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const done = (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const frame: SseFrame = {};
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) comments.push(line.slice(1).trim());
            else if (line.startsWith("id: ")) frame.id = line.slice(4);
            else if (line.startsWith("event: ")) frame.event = line.slice(7);
            else if (line.startsWith("data: ")) frame.data = line.slice(6);
            else if (line.startsWith("retry: ")) frame.retry = Number(line.slice(7));
          }
          if (Object.keys(frame).length) frames.push(frame);
        }
      }
    } catch {
      // aborted by the test
    }
    ended = true;
  })();
  return {
    frames,
    comments,
    events: () => frames.filter((frame) => frame.data !== undefined),
    ids: () => frames.filter((frame) => frame.id !== undefined).map((frame) => Number(frame.id)),
    ended: () => ended,
    done,
    cancel: () => reader.cancel().catch(() => {}),
  };
}
