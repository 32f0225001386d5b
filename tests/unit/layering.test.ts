// Infrastructure (app/lib) must not import domain modules (app/modules): modules register their
// own job handlers and the like, and the app's edge (entry.server.tsx, app/modules/jobs.server.ts)
// assembles them. An import the other way round would make every module a dependency of the runner.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const LIB = path.resolve(import.meta.dirname, "../../app/lib");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

describe("layering", () => {
  it("no file under app/lib imports from app/modules", () => {
    const offenders = sourceFiles(LIB).flatMap((file) => {
      const text = readFileSync(file, "utf8");
      const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((match) => match[1]);
      return specifiers
        .filter((specifier) => specifier.startsWith("~/modules") || (specifier.startsWith(".") && path.resolve(path.dirname(file), specifier).includes(`${path.sep}app${path.sep}modules`)))
        .map((specifier) => `${path.relative(LIB, file)} imports ${specifier}`);
    });
    expect(offenders).toEqual([]);
  });
});
