// Kinds of organization and the words accepted for them in forms and CSV files.
import type { OrganizationKind } from "~/generated/sqlite/client.ts";

export type { OrganizationKind };

export const ORGANIZATION_KINDS = ["MUNICIPALITY", "UNION", "VALLEY_COMMUNITY", "OTHER"] as const satisfies readonly OrganizationKind[];

// CSV files are written by people: accept the code and the usual Italian and English words.
const ALIASES: Record<string, OrganizationKind> = {
  municipality: "MUNICIPALITY",
  comune: "MUNICIPALITY",
  union: "UNION",
  "union of municipalities": "UNION",
  unione: "UNION",
  "unione di comuni": "UNION",
  "unione dei comuni": "UNION",
  valley_community: "VALLEY_COMMUNITY",
  "valley community": "VALLEY_COMMUNITY",
  "comunità di valle": "VALLEY_COMMUNITY",
  "comunita di valle": "VALLEY_COMMUNITY",
  other: "OTHER",
  altro: "OTHER",
};

export function parseOrganizationKind(value: string): OrganizationKind | null {
  return ALIASES[value.trim().toLowerCase().replace(/\s+/g, " ")] ?? null;
}

/** Kinds that may group other organizations (a municipality has no member organizations). */
export function mayHaveChildren(kind: OrganizationKind) {
  return kind !== "MUNICIPALITY";
}
