import path from "node:path";
import { defineConfig } from "vitest/config";

// End-to-end tests: each file starts the built app (tests/helpers/server.ts) and drives Chromium
// (tests/helpers/browser.ts). One file at a time: the machines have 2 cores, and an app plus a
// browser per file already uses both.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    environment: "node",
    include: ["tests/e2e/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
