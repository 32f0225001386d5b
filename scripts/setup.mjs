// `npm run setup`: prepares a fresh checkout to run on SQLite with demo data.
// Writes .env (with a random COOKIE_SECRET) if missing, migrates and seeds.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { execSync } from "node:child_process";

if (!existsSync(".env")) {
  const example = readFileSync(".env.example", "utf8");
  writeFileSync(".env", example.replace(/^COOKIE_SECRET=.*$/m, `COOKIE_SECRET=${randomBytes(32).toString("hex")}`));
  console.log("Created .env from .env.example with a random COOKIE_SECRET.");
}
const run = (command) => execSync(command, { stdio: "inherit" });
run("npx tsx --env-file=.env scripts/migrate.ts");
run("npx tsx --env-file=.env prisma/seed.ts");
