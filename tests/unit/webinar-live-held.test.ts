// The copies the live page holds a few seconds (decision 0027): reused within their time, read
// again after it, dropped by a change, and never kept when a change arrived while reading.
import { ShortHold } from "~/modules/webinars/live/held.server.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("ShortHold", () => {
  it("reads once within its time and again after it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const hold = new ShortHold<number>(2_000);
    let reads = 0;
    const load = async () => ++reads;
    expect(await hold.get("a", load)).toBe(1);
    vi.advanceTimersByTime(1_999);
    expect(await hold.get("a", load)).toBe(1);
    vi.advanceTimersByTime(2);
    expect(await hold.get("a", load)).toBe(2);
  });

  it("reads again after a change dropped the copy, and only the copies the change names", async () => {
    const hold = new ShortHold<string>(60_000);
    let version = "muted: no";
    await hold.get("w|anna", async () => version);
    await hold.get("w|bruno", async () => "bruno");
    version = "muted: yes";
    hold.forget((key) => key.endsWith("|anna"));
    expect(await hold.get("w|anna", async () => version)).toBe("muted: yes");
    expect(await hold.get("w|bruno", async () => "read again")).toBe("bruno");
  });

  it("does not keep a copy read while a change arrived, nor a failed read, nor what `keep` refuses", async () => {
    const hold = new ShortHold<string | null>(60_000);
    let finish!: (value: string) => void;
    const reading = hold.get("a", () => new Promise((resolve) => (finish = resolve)));
    hold.forget(() => false);
    finish("before the change");
    expect(await reading).toBe("before the change");
    expect(await hold.get("a", async () => "after")).toBe("after");
    await expect(hold.get("b", async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await hold.get("b", async () => "up")).toBe("up");
    expect(await hold.get("c", async () => null, (value) => value !== null)).toBeNull();
    expect(await hold.get("c", async () => "found", (value) => value !== null)).toBe("found");
  });
});
