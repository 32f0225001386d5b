import { resources } from "~/lib/i18n/resources.ts";

function keys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

describe("translations", () => {
  it.each(Object.keys(resources.it))("the English %s namespace has exactly the Italian keys", (namespace) => {
    const it = keys(resources.it[namespace as keyof typeof resources.it]).sort();
    const en = keys(resources.en[namespace as keyof typeof resources.en]).sort();
    expect(en).toEqual(it);
  });

  it("has no empty strings", () => {
    for (const language of ["it", "en"] as const) {
      for (const [namespace, tree] of Object.entries(resources[language])) {
        const flat = keys(tree);
        for (const key of flat) {
          const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
          expect(value, `${language}/${namespace}:${key}`).not.toBe("");
        }
      }
    }
  });
});
