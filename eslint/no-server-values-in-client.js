// A value imported from a `.server` module is stripped from the browser bundle: used in a route's
// component (or meta, handle, ErrorBoundary…) it is `undefined` in the browser, and the page fails to
// hydrate (React #418/#425) while the server-rendered HTML looked right. Types are fine, and so is any
// use inside loader, action and headers, which run only on the server.
const SERVER_MODULE = /\.server(\.[cm]?[jt]sx?)?$|\/\.server\//;
// Route-module exports Remix runs in the browser.
const CLIENT_EXPORTS = new Set(["default", "meta", "links", "handle", "ErrorBoundary", "HydrateFallback", "Layout", "shouldRevalidate", "clientLoader", "clientAction"]);
const SERVER_EXPORTS = new Set(["loader", "action", "headers"]);

/** The top-level statement holding a node, and the name it declares or exports. */
function topLevel(node) {
  let current = node;
  while (current.parent && current.parent.type !== "Program") current = current.parent;
  return current;
}

function declaredNames(statement) {
  if (statement.type === "ExportDefaultDeclaration") return { exported: true, names: ["default"] };
  const exported = statement.type === "ExportNamedDeclaration";
  const declaration = exported ? statement.declaration : statement;
  if (!declaration) return { exported, names: [] };
  if (declaration.type === "FunctionDeclaration" || declaration.type === "ClassDeclaration") return { exported, names: declaration.id ? [declaration.id.name] : [] };
  if (declaration.type === "VariableDeclaration") return { exported, names: declaration.declarations.map((item) => (item.id.type === "Identifier" ? item.id.name : "")) };
  return { exported, names: [] };
}

/** Runs in the browser: a client export, or a top-level component (a capitalized function or const). */
function isClientCode(statement) {
  const { exported, names } = declaredNames(statement);
  if (names.some((name) => SERVER_EXPORTS.has(name))) return false;
  if (exported && names.some((name) => CLIENT_EXPORTS.has(name))) return true;
  return names.some((name) => /^[A-Z]/.test(name));
}

export default {
  meta: {
    type: "problem",
    docs: { description: "Values from .server modules may not be used in code that runs in the browser." },
    messages: {
      serverValue: "'{{name}}' comes from a .server module and is undefined in the browser: use it in the loader or action and pass it in the loader data, or move it to a plain module.",
    },
    schema: [],
  },
  create(context) {
    const imported = new Map();
    return {
      ImportDeclaration(node) {
        if (node.importKind === "type" || !SERVER_MODULE.test(String(node.source.value))) return;
        for (const specifier of node.specifiers) {
          if (specifier.importKind === "type") continue;
          imported.set(specifier.local.name, specifier);
        }
      },
      "Program:exit"(program) {
        const scope = context.sourceCode.getScope(program);
        const moduleScope = scope.childScopes.find((child) => child.type === "module") ?? scope;
        for (const variable of moduleScope.variables) {
          if (!imported.has(variable.name)) continue;
          for (const reference of variable.references) {
            if (reference.isTypeReference) continue;
            const statement = topLevel(reference.identifier);
            if (statement.type === "ImportDeclaration" || !isClientCode(statement)) continue;
            context.report({ node: reference.identifier, messageId: "serverValue", data: { name: variable.name } });
          }
        }
      },
    };
  },
};
