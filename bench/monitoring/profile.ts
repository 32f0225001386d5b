// Times each SQL statement of one cold dashboard computation (admin, every organization, the
// seeded year) and the PDF rendering on its own, to see where the time of run.ts goes.
// Usage: DATABASE_URL=... npx tsx bench/monitoring/profile.ts [iterations]
import { performance } from "node:perf_hooks";

process.env.LOG_LEVEL ??= "warn";
process.env.COOKIE_SECRET ??= "0".repeat(64);
const ITERATIONS = Number(process.argv[2] ?? 10);

const { db } = await import("../../app/lib/db.server.ts");
const times = new Map<string, number[]>();
const label = (sql: string) => sql.replace(/\s+/g, " ").trim().slice(0, 70);
const original = db.$queryRaw.bind(db) as (...args: unknown[]) => Promise<unknown>;
(db as unknown as { $queryRaw: unknown }).$queryRaw = async (...args: unknown[]) => {
  const first = args[0] as { sql?: string } | TemplateStringsArray;
  const name = label("sql" in first && first.sql ? first.sql : (first as TemplateStringsArray).join("?"));
  const at = performance.now();
  const result = await original(...args);
  times.set(name, [...(times.get(name) ?? []), performance.now() - at]);
  return result;
};
const { dashboard } = await import("../../app/modules/monitoring/figures.server.ts");
const { monitoringScope } = await import("../../app/modules/monitoring/scope.server.ts");
const { parseFilters } = await import("../../app/modules/monitoring/filters.ts");
const user = await db.user.findUniqueOrThrow({ where: { id: "padmin" } });
const scope = await monitoringScope(user as never);
const parsed = parseFilters(new URLSearchParams("from=2026-01-01&to=2026-12-31"));
if (!parsed.ok) throw new Error(parsed.problem);
const filters = parsed.filters;
const total: number[] = [];
for (let i = 0; i < ITERATIONS + 2; i++) {
  const at = performance.now();
  await dashboard(scope, filters);
  if (i >= 2) total.push(performance.now() - at);
  else times.clear();
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const [name, values] of times) console.log(`${median(values).toFixed(1).padStart(7)} ms  ${name}`);
console.log(`${median(total).toFixed(1).padStart(7)} ms  dashboard() in all`);
process.exit(0);
