import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests. Each test file gets its own freshly migrated database
// (SQLite by default, PostgreSQL with TEST_DATABASE=postgres): see tests/setup/.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    globals: true,
    environment: "node",
    include: ["tests/unit/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"],
    // *.pg.test.ts need PostgreSQL itself (LISTEN/NOTIFY): only in the PostgreSQL run, never "skipped".
    exclude: process.env.TEST_DATABASE === "postgres" ? [] : ["tests/integration/**/*.pg.test.ts"],
    globalSetup: ["tests/setup/global.ts"],
    setupFiles: ["tests/setup/database.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
