// Build Requests and call Remix loaders/actions the way the server does, with cookies.
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";

export const BASE_URL = "http://localhost:3000";

export function testContext(overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  return { cspNonce: "test", requestId: "test", clientIp: "127.0.0.1", ...overrides };
}

export function formRequest(pathname: string, fields: Record<string, string | string[]>, options: { cookie?: string; headers?: Record<string, string> } = {}) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  }
  return new Request(new URL(pathname, BASE_URL), {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(options.cookie ? { Cookie: options.cookie } : {}), ...options.headers },
  });
}

export function getRequest(pathname: string, options: { cookie?: string; headers?: Record<string, string> } = {}) {
  return new Request(new URL(pathname, BASE_URL), {
    headers: { ...(options.cookie ? { Cookie: options.cookie } : {}), ...options.headers },
  });
}

type RouteFn<A> = (args: A) => Promise<Response | unknown> | Response | unknown;

/** Calls a loader or action and returns its Response, whether it was returned or thrown. */
export async function call<A extends LoaderFunctionArgs | ActionFunctionArgs>(
  fn: RouteFn<A>,
  request: Request,
  params: Record<string, string> = {},
  context: AppLoadContext = testContext(),
): Promise<Response> {
  let response: Response;
  try {
    const result = await fn({ request, params, context } as A);
    response = result instanceof Response ? result : new Response(JSON.stringify(result), { headers: { "Content-Type": "application/json" } });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  await expectNoRawPlaceholder(response, request);
  return response;
}

/**
 * Every loader and action answer a test sees is checked for a raw "{{placeholder}}": text that
 * reached a response already translated with a value missing would show it to the user.
 */
async function expectNoRawPlaceholder(response: Response, request: Request) {
  const type = response.headers.get("Content-Type") ?? "";
  if (!/json|text/.test(type) || !response.body) return;
  const body = await response.clone().text();
  const at = body.indexOf("{{");
  if (at >= 0) throw new Error(`${request.method} ${new URL(request.url).pathname} answered with a raw placeholder: …${body.slice(Math.max(0, at - 80), at + 40)}…`);
}

/** "name=value" pairs from a response's Set-Cookie headers, ready for a Cookie header. */
export function cookiesFrom(response: Response, previous = ""): string {
  const jar = new Map<string, string>();
  for (const part of previous.split(";").map((p) => p.trim()).filter(Boolean)) {
    const [name, ...rest] = part.split("=");
    jar.set(name, rest.join("="));
  }
  for (const header of response.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(";");
    const [name, ...rest] = pair.split("=");
    const expired = attributes.some((a) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
    if (expired || rest.join("=") === "") jar.delete(name.trim());
    else jar.set(name.trim(), rest.join("="));
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}
