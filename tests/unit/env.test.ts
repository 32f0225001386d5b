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
});
