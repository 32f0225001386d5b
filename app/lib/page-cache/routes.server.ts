// Which requests a route opted into the cache for: a route module says `export const handle =
// { cache: true }` (or a policy), and the request is matched against the app's routes exactly as
// Remix matches them, so "/blog/new" never falls to a cached "/blog/:slug".
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { policyFrom, type CachePolicy } from "./cache.server.ts";

/** Paths whose match is remembered (matching runs over every route and is the costly part). */
const MEMO_MAX = 1_000;

export type BuildRoute = { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean; module: { handle?: unknown } };

export function cachePolicies(routes: Record<string, BuildRoute>): (pathname: string) => CachePolicy | null {
  const policies = new Map<string, CachePolicy>();
  for (const route of Object.values(routes)) {
    const policy = policyFrom((route.module.handle as { cache?: unknown } | undefined)?.cache);
    if (policy) policies.set(route.id, policy);
  }
  if (!policies.size) return () => null;
  const childrenOf = (parentId: string | undefined): AgnosticRouteObject[] =>
    Object.values(routes)
      .filter((route) => route.parentId === parentId)
      .map((route) =>
        route.index
          ? { id: route.id, index: true, path: route.path, caseSensitive: route.caseSensitive }
          : { id: route.id, path: route.path, caseSensitive: route.caseSensitive, children: childrenOf(route.id) },
      );
  const tree = childrenOf(undefined);
  const memo = new Map<string, CachePolicy | null>();
  return (pathname) => {
    let policy = memo.get(pathname);
    if (policy === undefined) {
      const matches = matchRoutes(tree, pathname);
      const leaf = matches?.[matches.length - 1];
      policy = leaf ? (policies.get(leaf.route.id!) ?? null) : null;
      // Remembered for opted-in pages only, and bounded: visitors choose the paths (case and slash
      // variants, any slug under a cached "/blog/:slug"), so the map must not grow with them.
      if (policy) {
        if (memo.size >= MEMO_MAX) memo.clear();
        memo.set(pathname, policy);
      }
    }
    return policy;
  };
}
