// Measures every monitoring dashboard request on a database seeded by seed-province.ts: the page
// loader (admin over every organization; admin filtered by kit and by one organization; a union's
// manager; last 12 months), the CSV exports and the PDF report. In-process (the loaders with a real
// session cookie: session, access, scope, SQL aggregates, ledger, CSV/PDF rendering; no HTTP and no
// React rendering). Prints p50/p95/p99 in ms per request: cold (the minute's cache of figures
// emptied before every request) and warm (the same filters again within the minute: what the CSV
// and the PDF cost right after the page).
// Usage: DATABASE_URL=file:/tmp/monitoring-bench.db npx tsx bench/monitoring/run.ts [iterations]
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

process.env.COOKIE_SECRET ??= randomBytes(32).toString("hex");
process.env.LOG_LEVEL ??= "warn";
process.env.DATABASE_URL ??= "file:/tmp/monitoring-bench.db";
const ITERATIONS = Number(process.argv[2] ?? 40);

const { createSession, serializeSessionCookie } = await import("../../app/modules/auth/session.server.ts");
const { loader: page } = await import("../../app/routes/monitoring._index.tsx");
const { loader: csv } = await import("../../app/routes/monitoring.csv.ts");
const { loader: pdf } = await import("../../app/routes/monitoring.report[.]pdf.ts");
const { clearDashboardCache } = await import("../../app/modules/monitoring/figures.server.ts");

const cookieFor = async (userId: string) => serializeSessionCookie(await createSession(userId, { ipAddress: "127.0.0.1", userAgent: "bench" })).split(";")[0];
const admin = await cookieFor("padmin");
// The first person of a valley community is its manager: the community and its municipalities.
const manager = await cookieFor("pu00000");
const YEAR = "from=2026-01-01&to=2026-12-31";

type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;
const cases: { name: string; loader: Loader; path: string; cookie: string }[] = [
  { name: "page, admin, all organizations, year", loader: page as unknown as Loader, path: `/monitoring?${YEAR}`, cookie: admin },
  { name: "page, admin, last 12 months", loader: page as unknown as Loader, path: "/monitoring?preset=last12", cookie: admin },
  { name: "page, admin, kit PLUS", loader: page as unknown as Loader, path: `/monitoring?${YEAR}&kit=PLUS`, cookie: admin },
  { name: "page, admin, one organization", loader: page as unknown as Loader, path: `/monitoring?${YEAR}&organization=po020`, cookie: admin },
  { name: "page, union manager (13 organizations)", loader: page as unknown as Loader, path: `/monitoring?${YEAR}`, cookie: manager },
  { name: "CSV kits, admin", loader: csv as unknown as Loader, path: `/monitoring/csv?${YEAR}&table=kits`, cookie: admin },
  { name: "CSV webinars, admin", loader: csv as unknown as Loader, path: `/monitoring/csv?${YEAR}&table=webinars`, cookie: admin },
  { name: "PDF, admin, all organizations", loader: pdf as unknown as Loader, path: `/monitoring/report.pdf?${YEAR}`, cookie: admin },
  { name: "PDF, one organization", loader: pdf as unknown as Loader, path: `/monitoring/report.pdf?${YEAR}&organization=po014`, cookie: manager },
];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
console.log(`| request | cold p50 ms | p95 | p99 | warm p50 ms | p95 | p99 |`);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: |`);
for (const c of cases) {
  const run = async () => {
    const response = await c.loader({ request: new Request(`http://localhost${c.path}`, { headers: { Cookie: c.cookie } }), params: {}, context: { clientIp: "127.0.0.1" } });
    if (response.status !== 200) throw new Error(`${c.name}: ${response.status}`);
    await response.arrayBuffer();
  };
  const measure = async (cold: boolean) => {
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      if (cold) clearDashboardCache();
      const at = performance.now();
      await run();
      times.push(performance.now() - at);
    }
    times.sort((a, b) => a - b);
    return [0.5, 0.95, 0.99].map((q) => quantile(times, q).toFixed(0));
  };
  for (let i = 0; i < 3; i++) await run();
  const cold = await measure(true);
  const warm = await measure(false);
  console.log(`| ${c.name} | ${cold.join(" | ")} | ${warm.join(" | ")} |`);
}
process.exit(0);
