import { parseEnv } from "~/lib/env.server.ts";

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
});
