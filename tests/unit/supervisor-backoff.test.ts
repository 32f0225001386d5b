// The supervisor waits longer after each worker that dies young, so a crash loop does not spin.
import { restartDelayMs } from "../../server/supervisor.ts";

describe("restartDelayMs", () => {
  it("restarts at once after a healthy worker died, then backs off and caps at 30 s", () => {
    expect(restartDelayMs(0)).toBe(0);
    expect(restartDelayMs(1)).toBe(250);
    expect(restartDelayMs(2)).toBe(500);
    expect(restartDelayMs(5)).toBe(4_000);
    expect(restartDelayMs(20)).toBe(30_000);
  });
});
