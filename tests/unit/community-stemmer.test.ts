// The Italian stemmer behind SQLite search: forms of one word meet on one stem, different words
// stay apart, stop words are not indexed.
import { searchTextOf, stemItalian } from "~/modules/community/stemmer.ts";

const sameStem = (words: string[]) => new Set(words.map(stemItalian)).size;

describe("Italian stemming", () => {
  it.each([
    [["comune", "comuni"]],
    [["progetto", "progetti"]],
    [["amministrazione", "amministrazioni"]],
    [["abbandonata", "abbandonate", "abbandonati", "abbandonato", "abbandonava", "abbandonare"]],
    [["lunga", "lunghe"]],
    [["digitale", "digitali"]],
    [["formazione", "formazioni"]],
  ])("%j share one stem", (words) => {
    expect(sameStem(words)).toBe(1);
  });

  it("keeps different words apart", () => {
    expect(stemItalian("scuola")).not.toBe(stemItalian("scuderia"));
    expect(stemItalian("bando")).not.toBe(stemItalian("banca"));
  });

  it("indexes words, not stop words or punctuation", () => {
    expect(searchTextOf("Il **piano** triennale, per i comuni!")).toBe(`${stemItalian("piano")} ${stemItalian("triennale")} ${stemItalian("comuni")}`);
  });
});
