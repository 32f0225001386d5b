import { parseEnv } from "~/lib/env.server.ts";
import { liveKitConfigFrom } from "~/modules/webinars/livekit/config.server.ts";

describe("environment validation", () => {
  it("uses SQLite in data/ when nothing is configured", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:./data/coop.db");
    expect(env.PORT).toBe(3000);
  });

  it("names the variable and says what is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", PORT: "abc" })).toThrow(/DATABASE_URL: must start with file:/);
    expect(() => parseEnv({ PORT: "99999" })).toThrow(/PORT/);
    expect(() => parseEnv({ SMTP_URL: "http://mail" })).toThrow(/SMTP_URL: must be an smtp/);
  });

  it("requires a cookie secret in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/COOKIE_SECRET: required in production/);
    expect(parseEnv({ NODE_ENV: "production", COOKIE_SECRET: "x".repeat(32) }).NODE_ENV).toBe("production");
  });

  it("derives APP_URL from PORT when it is not set, so links in emails follow the port", () => {
    expect(parseEnv({}).APP_URL).toBe("http://localhost:3000");
    expect(parseEnv({ PORT: "8080" })).toMatchObject({ APP_URL: "http://localhost:8080", APP_URL_DERIVED: true });
    expect(parseEnv({ PORT: "8080", APP_URL: "" }).APP_URL).toBe("http://localhost:8080");
    expect(parseEnv({ PORT: "8080", APP_URL: "https://coop.example.org/" })).toMatchObject({ APP_URL: "https://coop.example.org", APP_URL_DERIVED: false });
    expect(() => parseEnv({ APP_URL: "javascript:alert(1)" })).toThrow(/APP_URL/);
  });

  it("keeps files on local disk by default and checks the S3 settings when S3 is chosen", () => {
    expect(parseEnv({})).toMatchObject({ STORAGE_BACKEND: "local", STORAGE_DIR: "data/files" });
    expect(() => parseEnv({ STORAGE_BACKEND: "s3" })).toThrow(/S3_BUCKET: required when STORAGE_BACKEND=s3/);
    expect(() => parseEnv({ STORAGE_BACKEND: "s3", S3_BUCKET: "coop", S3_ACCESS_KEY_ID: "only-one" })).toThrow(/set both or neither/);
    expect(() => parseEnv({ STORAGE_BACKEND: "ftp" })).toThrow(/STORAGE_BACKEND/);
    expect(() => parseEnv({ S3_ENDPOINT: "not a url" })).toThrow(/S3_ENDPOINT: must be a URL/);
    expect(parseEnv({ STORAGE_BACKEND: "s3", S3_BUCKET: "coop-files", S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "true" })).toMatchObject({
      S3_BUCKET: "coop-files",
      S3_FORCE_PATH_STYLE: true,
      S3_REGION: "us-east-1",
    });
  });

  it("takes WEB_CONCURRENCY as a worker count, unset meaning one per core", () => {
    expect(parseEnv({}).WEB_CONCURRENCY).toBeUndefined();
    expect(parseEnv({ WEB_CONCURRENCY: "2" }).WEB_CONCURRENCY).toBe(2);
    expect(() => parseEnv({ WEB_CONCURRENCY: "0" })).toThrow(/WEB_CONCURRENCY/);
    expect(() => parseEnv({ WEB_CONCURRENCY: "many" })).toThrow(/WEB_CONCURRENCY/);
  });

  it("chooses the event bus transport, refusing PostgreSQL notices without a PostgreSQL database", () => {
    expect(parseEnv({}).EVENT_BUS).toBe("auto");
    expect(parseEnv({ EVENT_BUS: "cluster" }).EVENT_BUS).toBe("cluster");
    expect(() => parseEnv({ EVENT_BUS: "redis" })).toThrow(/EVENT_BUS/);
    expect(() => parseEnv({ EVENT_BUS: "postgres" })).toThrow(/EVENT_BUS: postgres needs a PostgreSQL DATABASE_URL/);
    expect(parseEnv({ EVENT_BUS: "postgres", DATABASE_URL: "postgresql://db/coop" }).EVENT_BUS).toBe("postgres");
  });

  it("bounds live streams per account and can turn the page cache off", () => {
    expect(parseEnv({}).SSE_MAX_STREAMS_PER_ACCOUNT).toBe(8);
    expect(() => parseEnv({ SSE_MAX_STREAMS_PER_ACCOUNT: "0" })).toThrow(/SSE_MAX_STREAMS_PER_ACCOUNT/);
    expect(parseEnv({}).PAGE_CACHE_ENABLED).toBe(true);
    expect(parseEnv({ PAGE_CACHE_ENABLED: "false" }).PAGE_CACHE_ENABLED).toBe(false);
  });

  it("takes LiveKit's URL, key and secret all together or not at all, deriving the API address", () => {
    expect(liveKitConfigFrom(parseEnv({}))).toBeNull();
    const dev = parseEnv({ LIVEKIT_URL: "ws://localhost:7880", LIVEKIT_API_KEY: "devkey", LIVEKIT_API_SECRET: "secret" });
    expect(liveKitConfigFrom(dev)).toEqual({ url: "ws://localhost:7880", apiUrl: "http://localhost:7880", apiKey: "devkey", apiSecret: "secret" });
    const cloud = parseEnv({ LIVEKIT_URL: "wss://coop.livekit.cloud/", LIVEKIT_API_KEY: "k", LIVEKIT_API_SECRET: "s" });
    expect(liveKitConfigFrom(cloud)?.apiUrl).toBe("https://coop.livekit.cloud");
    const split = parseEnv({ LIVEKIT_URL: "wss://media.example.org", LIVEKIT_API_URL: "http://10.0.0.5:7880", LIVEKIT_API_KEY: "k", LIVEKIT_API_SECRET: "s" });
    expect(liveKitConfigFrom(split)?.apiUrl).toBe("http://10.0.0.5:7880");
    expect(() => parseEnv({ LIVEKIT_URL: "ws://localhost:7880" })).toThrow(/LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET: set all three or none/);
    expect(() => parseEnv({ LIVEKIT_API_KEY: "k", LIVEKIT_API_SECRET: "s" })).toThrow(/set all three or none/);
    expect(() => parseEnv({ LIVEKIT_URL: "https://coop.livekit.cloud", LIVEKIT_API_KEY: "k", LIVEKIT_API_SECRET: "s" })).toThrow(/LIVEKIT_URL: must be a ws:\/\/ or wss:\/\/ URL/);
    expect(() => parseEnv({ LIVEKIT_API_URL: "http://x" })).toThrow(/LIVEKIT_API_URL: needs LIVEKIT_URL/);
  });

  it("keeps deleted community files 30 days before the purge unless told otherwise, and refuses a nonsense number of days", () => {
    expect(parseEnv({}).FILES_PURGE_AFTER_DAYS).toBe(30);
    expect(parseEnv({ FILES_PURGE_AFTER_DAYS: "7" }).FILES_PURGE_AFTER_DAYS).toBe(7);
    for (const bad of ["0", "-3", "2.5", "mai", "99999"]) expect(() => parseEnv({ FILES_PURGE_AFTER_DAYS: bad })).toThrow(/FILES_PURGE_AFTER_DAYS/);
  });
});
