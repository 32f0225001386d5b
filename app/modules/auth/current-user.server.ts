// The signed-in user of a request, looked up once per request.
import { redirect } from "@remix-run/node";
import { readSessionToken, validateSessionToken, type ValidSession } from "./session.server.ts";

const perRequest = new WeakMap<Request, Promise<ValidSession | null>>();

export function getCurrentSession(request: Request): Promise<ValidSession | null> {
  let pending = perRequest.get(request);
  if (!pending) {
    const token = readSessionToken(request);
    pending = token ? validateSessionToken(token) : Promise.resolve(null);
    perRequest.set(request, pending);
  }
  return pending;
}

export async function getUser(request: Request) {
  return (await getCurrentSession(request))?.user ?? null;
}

export function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

/** The signed-in user, or a redirect to the sign-in page that comes back here. */
export async function requireSession(request: Request): Promise<ValidSession> {
  const session = await getCurrentSession(request);
  if (!session) throw loginRedirect(request);
  return session;
}

export async function requireUser(request: Request) {
  return (await requireSession(request)).user;
}
