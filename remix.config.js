/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  // CSS shipped inside packages must be bundled, or Node fails on the .css import at start.
  // (a regex, so deep imports such as bootstrap-italia/package.json are bundled too: plain `node`
  // cannot import a JSON file without an import attribute).
  serverDependenciesToBundle: [/^bootstrap-italia(\/.*)?$/, /^@livekit\/components-styles(\/.*)?$/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
