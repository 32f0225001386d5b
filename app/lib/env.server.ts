// Every environment variable the app reads, validated once at start-up.
// A wrong value stops the process with a message that names the variable.
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  // Web worker processes under the cluster supervisor; unset = one per core in production (1 otherwise), 1 = a single process.
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  APP_URL: z.string().url("must be the public address, e.g. https://coop.example.org").default("http://localhost:3000"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, "must start with file: (SQLite) or postgres:// / postgresql://")
    .default("file:./data/coop.db"),
  MIGRATE_ON_START: booleanFlag.optional(),
  TRUST_PROXY: z.string().default("loopback"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  MAIL_FROM: z.string().min(3).default("CO-OP <no-reply@coop.localhost>"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_DIR: z.string().default("data/mail"),
  WORKER_ENABLED: booleanFlag.default("true"),
  WORKER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  RATE_LIMIT_ENABLED: booleanFlag.default("true"),
  // Signs the flash-message and language cookies (not the session: that is a random token).
  COOKIE_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").optional(),
  // How event notices travel between processes (docs/platform.md). auto: postgres when DATABASE_URL
  // is PostgreSQL, cluster under npm start's supervisor, otherwise memory (one process).
  EVENT_BUS: z.enum(["auto", "memory", "cluster", "postgres"]).default("auto"),
  // Server-Sent Events: open streams one signed-in account may hold (per process), beyond it 429.
  SSE_MAX_STREAMS_PER_ACCOUNT: z.coerce.number().int().min(1).max(100).default(8),
  // Anonymous public pages answered from memory before Express and Remix run.
  PAGE_CACHE_ENABLED: booleanFlag.default("true"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function formatEnvErrors(error: z.ZodError): string {
  const lines = error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
  return `Invalid environment configuration (see .env.example and README.md):\n${lines.join("\n")}`;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "not set", as they do in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) throw new Error(formatEnvErrors(result.error));
  if (result.data.NODE_ENV === "production" && !result.data.COOKIE_SECRET) {
    throw new Error(
      "Invalid environment configuration (see .env.example and README.md):\n  - COOKIE_SECRET: required in production (`npm run setup` writes one to .env)",
    );
  }
  if (result.data.EVENT_BUS === "postgres" && !isPostgresUrl(result.data.DATABASE_URL)) {
    throw new Error(
      "Invalid environment configuration (see .env.example and README.md):\n  - EVENT_BUS: postgres needs a PostgreSQL DATABASE_URL",
    );
  }
  return result.data;
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change process.env between files; this forgets the parsed copy. */
export function resetEnvCache() {
  cached = undefined;
}

/** Cookies are Secure (and the session cookie __Host- prefixed) when served over HTTPS in production. */
export function secureCookies() {
  return env().NODE_ENV === "production" && env().APP_URL.startsWith("https://");
}

export function cookieSecret() {
  return env().COOKIE_SECRET ?? "development-only-cookie-secret-not-for-production";
}

export function isPostgresUrl(url: string) {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}
