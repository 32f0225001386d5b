// Pure pieces of the webinar live page: question order and CSV cells.
import { csvCell } from "~/modules/webinars/live/export.server.ts";
import { sortQuestions } from "~/modules/webinars/live/limits.ts";

describe("question order", () => {
  const q = (id: string, votes: number, at: string, state: "OPEN" | "ANSWERING" = "OPEN") => ({ id, votes, at, state });
  const list = [q("a", 1, "2026-12-01T10:00:00Z"), q("b", 5, "2026-12-01T10:01:00Z"), q("c", 5, "2026-12-01T10:00:30Z"), q("d", 0, "2026-12-01T10:02:00Z", "ANSWERING")];
  it("by votes: the one being answered first, then most voted, ties by time", () => {
    expect(sortQuestions(list, "votes").map((x) => x.id)).toEqual(["d", "c", "b", "a"]);
  });
  it("by time: the one being answered first, then oldest first", () => {
    expect(sortQuestions(list, "time").map((x) => x.id)).toEqual(["d", "a", "c", "b"]);
  });
});

describe("CSV cells", () => {
  it.each([
    ["=SUM(A1)", `'=SUM(A1)`],
    ["+39 055", `'+39 055`],
    ["-1", `'-1`],
    ["@cmd", `'@cmd`],
    ["\tx", `'\tx`],
    ["a;b", `"a;b"`],
    ['dice "ciao"', `"dice ""ciao"""`],
    ["riga\nnuova", `"riga\nnuova"`],
    [null, ""],
    [3, "3"],
  ])("%j becomes %j", (input, output) => {
    expect(csvCell(input)).toBe(output);
  });
});
