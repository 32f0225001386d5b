// ESLint flat config: recommended JavaScript and TypeScript rules plus the React hooks rules.
// Kept pragmatic: rules that catch bugs stay errors; style is left to the reviewer.
import { defineConfig } from "eslint/config";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import noServerValuesInClient from "./eslint/no-server-values-in-client.js";

// Node globals for the few plain .js/.mjs files (TypeScript files are checked by tsc instead).
const nodeGlobals = {
  process: "readonly",
  console: "readonly",
  URL: "readonly",
  Buffer: "readonly",
  setTimeout: "readonly",
  clearTimeout: "readonly",
  performance: "readonly",
  fetch: "readonly",
};

export default defineConfig(
  {
    ignores: ["build/**", "public/build/**", "app/generated/**", "node_modules/**", "coverage/**", "test-results/**", "data/**", ".cache/**"],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // tsc already reports undefined names, with better messages.
      "no-undef": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      // Declaration merging (e.g. vitest's ProvidedContext, Remix's AppLoadContext) needs interfaces/namespaces.
      "@typescript-eslint/no-empty-object-type": "off",
      "@typescript-eslint/no-namespace": "off",
    },
  },
  {
    // Nothing outside the access policy compares roles: ask can(actor, action, item), or a role
    // fact from app/modules/access/roles.ts (docs/conventions.md, "Access").
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/modules/access/**", "app/generated/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "BinaryExpression[operator=/^[!=]==?$/]:matches([left.property.name='role'], [right.property.name='role'], [left.name='role'], [right.name='role'])",
          message: "Compare roles only in app/modules/access/ (ask can(actor, action, item) or a role fact from access/roles.ts).",
        },
      ],
    },
  },
  {
    // Routes stay thin: database access lives in app/modules/<domain>/ (types from the generated client are fine).
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["~/lib/db.server*", "**/lib/db.server*"], message: "Query the database in a module under app/modules/<domain>/, not in a route." },
            { group: ["~/generated/*/client*", "@prisma/client*"], allowTypeImports: true, message: "Routes may import Prisma types only; queries belong in app/modules/<domain>/." },
          ],
        },
      ],
    },
  },
  {
    // A value from a .server module is undefined in the browser bundle (see the rule's header).
    files: ["app/routes/**/*.{ts,tsx}", "app/root.tsx"],
    plugins: { coop: { rules: { "no-server-values-in-client": noServerValuesInClient } } },
    rules: { "coop/no-server-values-in-client": "error" },
  },
  {
    // Shared components run in the browser: they take types from .server modules, never values.
    files: ["app/components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/*.server", "**/*.server.*", "**/.server/**"], allowTypeImports: true, message: "Components run in the browser: import types only from .server modules, and pass values as props." }] },
      ],
    },
  },
);
