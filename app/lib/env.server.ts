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
  // Not set: http://localhost:PORT (see parseEnv), so links in emails follow a moved port.
  APP_URL: z
    .string()
    .url("must be the public address, e.g. https://coop.example.org")
    .refine((value) => /^https?:\/\//.test(value), "must start with http:// or https://")
    // "https://coop.example.org/" would give links with "//" in them.
    .transform((value) => value.replace(/\/+$/, ""))
    .optional(),
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
  // Shown on /privacy: who the data controller is (name and address) and where to write about
  // personal data. Not set: a generic text naming FPA, and the feedback form as the contact.
  PRIVACY_CONTROLLER: z.string().max(300).optional(),
  PRIVACY_CONTACT_EMAIL: z.string().email("must be an email address, e.g. privacy@example.org").optional(),
  // Signs the flash-message and language cookies (not the session: that is a random token).
  COOKIE_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").optional(),
  // File storage (app/lib/storage): the local folder by default, or an S3-compatible bucket.
  STORAGE_BACKEND: z.enum(["local", "s3"]).default("local"),
  STORAGE_DIR: z.string().default("data/files"),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a valid bucket name").optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ENDPOINT: z.string().url("must be a URL, e.g. https://s3.eu-south-1.amazonaws.com or http://127.0.0.1:9000").optional(),
  S3_FORCE_PATH_STYLE: booleanFlag.default("false"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // How event notices travel between processes (docs/platform.md). auto: postgres when DATABASE_URL
  // is PostgreSQL, cluster under npm start's supervisor, otherwise memory (one process).
  EVENT_BUS: z.enum(["auto", "memory", "cluster", "postgres"]).default("auto"),
  // Server-Sent Events: open streams one signed-in account may hold (per process), beyond it 429.
  SSE_MAX_STREAMS_PER_ACCOUNT: z.coerce.number().int().min(1).max(100).default(8),
  // Blog newsletter: messages per second handed to the mail server, and how many at once.
  NEWSLETTER_RATE_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(100),
  NEWSLETTER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // Newsletter bounces (docs/blog.md): the domain of the VERP return path bounce+<token>@<domain>
  // (default: MAIL_FROM's domain), and the maildir folder that DSNs to it are delivered to (unset = not read).
  NEWSLETTER_BOUNCE_DOMAIN: z.string().regex(/^[A-Za-z0-9.-]+\.[A-Za-z0-9-]+$|^[A-Za-z0-9-]+$/, "must be a domain name, e.g. bounces.coop.example.org").optional(),
  NEWSLETTER_BOUNCE_MAILDIR: z.string().min(1).optional(),
  // Anonymous public pages answered from memory before Express and Remix run.
  PAGE_CACHE_ENABLED: booleanFlag.default("true"),
  // LiveKit (live webinar media): all of URL, key and secret, or none (the room then says how to
  // configure it). LIVEKIT_URL is what browsers connect to; LIVEKIT_API_URL, for the server's
  // RoomService calls, defaults to it with http(s) in place of ws(s).
  LIVEKIT_URL: z.string().regex(/^wss?:\/\/[^\s/]+/, "must be a ws:// or wss:// URL, e.g. wss://coop.livekit.cloud or ws://localhost:7880").optional(),
  LIVEKIT_API_URL: z.string().regex(/^https?:\/\/[^\s/]+/, "must be an http:// or https:// URL, e.g. https://coop.livekit.cloud").optional(),
  LIVEKIT_API_KEY: z.string().min(1).max(200).optional(),
  LIVEKIT_API_SECRET: z.string().min(1).max(500).optional(),
  // Recordings and training (docs/recordings.md): yearly training-hours target per person, and the
  // largest video a host may upload (MB).
  TRAINING_TARGET_HOURS: z.coerce.number().int().min(1).max(1000).default(40),
  RECORDING_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(20_000).default(2048),
  // Community file area (docs/community.md, Files): largest file, and what one organization's
  // members may keep there (the sizes of every version of files not deleted), both in MB.
  FILES_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(20_000).default(50),
  FILES_ORG_QUOTA_MB: z.coerce.number().int().min(1).max(10_000_000).default(1024),
  // Days a soft-deleted file stays restorable before the nightly purge removes it and its bytes.
  FILES_PURGE_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

export type Env = Omit<z.infer<typeof schema>, "APP_URL"> & { APP_URL: string; APP_URL_DERIVED: boolean };

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
  if (result.data.STORAGE_BACKEND === "s3" && !result.data.S3_BUCKET) {
    throw new Error("Invalid environment configuration (see .env.example and README.md):\n  - S3_BUCKET: required when STORAGE_BACKEND=s3");
  }
  if (!!result.data.S3_ACCESS_KEY_ID !== !!result.data.S3_SECRET_ACCESS_KEY) {
    throw new Error(
      "Invalid environment configuration (see .env.example and README.md):\n  - S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither (neither = the AWS SDK's default credentials)",
    );
  }
  const liveKit = [result.data.LIVEKIT_URL, result.data.LIVEKIT_API_KEY, result.data.LIVEKIT_API_SECRET];
  if (liveKit.some(Boolean) && !liveKit.every(Boolean)) {
    throw new Error(
      "Invalid environment configuration (see .env.example and README.md):\n  - LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET: set all three or none (none = webinars without audio and video)",
    );
  }
  if (result.data.LIVEKIT_API_URL && !result.data.LIVEKIT_URL) {
    throw new Error("Invalid environment configuration (see .env.example and README.md):\n  - LIVEKIT_API_URL: needs LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET too");
  }
  const derived = result.data.APP_URL === undefined;
  return { ...result.data, APP_URL: result.data.APP_URL ?? `http://localhost:${result.data.PORT}`, APP_URL_DERIVED: derived };
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
