// The forum's search ranking on SQLite (BM25 computed from the indexed stems): what a member
// sees first when several posts match.
import { rankBm25 } from "~/modules/community/search.server.ts";

it("puts first the post that says the word more often, then the shorter of two that say it as often", () => {
  const texts = ["bilanc comun serviz", "bilanc bilanc bilanc comun", "bilanc comun serviz scuol mens trasport bibliotec"];
  expect(rankBm25(texts, ["bilanc"], [1])).toEqual([1, 0, 2]);
});

it("weighs a rare word above a frequent one", () => {
  const texts = ["comun comun comun ciclabil", "ciclabil ciclabil ciclabil comun"];
  // "comun" is in most posts (low IDF), "ciclabil" in few (high IDF).
  expect(rankBm25(texts, ["comun", "ciclabil"], [0.01, 5])[0]).toBe(1);
  expect(rankBm25(texts, ["comun", "ciclabil"], [5, 0.01])[0]).toBe(0);
});

it("keeps the newer post first when two score the same", () => {
  expect(rankBm25(["bilanc comun", "bilanc comun"], ["bilanc"], [1])).toEqual([0, 1]);
});
