// The lint rule that keeps values of .server modules out of browser code. Its bug class: a survey
// page showed a threshold constant imported from a .server module; the browser got `undefined` and
// the page failed to hydrate. These cases fail if the rule stops catching that.
import { RuleTester, type Rule } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, describe, it } from "vitest";
import serverValuesRule from "../../eslint/no-server-values-in-client.js";

const rule = serverValuesRule as unknown as Rule.RuleModule;

// RuleTester finds the test framework through these static hooks (absent from its type declarations).
Object.assign(RuleTester, { afterAll, describe, it, itOnly: it.only });

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } } });

tester.run("no-server-values-in-client", rule, {
  valid: [
    // Used by the loader and action only: Remix strips them from the browser bundle.
    `import { MIN_GROUP, results } from "~/modules/surveys/results.server.ts";
     export async function loader() { return { rows: await results(), min: MIN_GROUP }; }
     export async function action() { return results(); }
     export default function Page() { return null; }`,
    // Types are erased.
    `import type { Row } from "~/modules/x.server.ts";
     import { type Other } from "~/modules/y.server.ts";
     export default function Page({ row }: { row: Row; other: Other }) { return row; }`,
    // A value from a plain module may be used anywhere.
    `import { MIN_GROUP } from "~/modules/surveys/suppression.ts";
     export default function Page() { return MIN_GROUP; }`,
    // A lowercase helper used by the loader is server code.
    `import { db } from "~/lib/db.server.ts";
     function count() { return db.count(); }
     export const loader = () => count();`,
  ],
  invalid: [
    {
      // The survey page's bug.
      code: `import { MIN_GROUP } from "~/modules/surveys/results.server.ts";
             export default function Results() { return MIN_GROUP; }`,
      errors: [{ messageId: "serverValue", data: { name: "MIN_GROUP" } }],
    },
    {
      code: `import { limits } from "../modules/live/limits.server";
             export const meta = () => [{ title: String(limits.max) }];
             export function ErrorBoundary() { return limits.max; }`,
      errors: [{ messageId: "serverValue" }, { messageId: "serverValue" }],
    },
    {
      // A component of the route file other than the default export.
      code: `import { formatRow } from "~/modules/x.server.ts";
             function RowCell({ row }: { row: string }) { return formatRow(row); }
             export default function Page() { return RowCell({ row: "" }); }`,
      errors: [{ messageId: "serverValue", data: { name: "formatRow" } }],
    },
  ],
});
