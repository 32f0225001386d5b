// POST /logout ends the session on the server (revocation), not only in the browser.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { setFlashHeader } from "~/lib/flash.server.ts";
import { getCurrentSession } from "~/modules/auth/current-user.server.ts";
import { invalidateSession, serializeBlankSessionCookie } from "~/modules/auth/session.server.ts";

export async function action({ request }: ActionFunctionArgs) {
  const session = await getCurrentSession(request);
  if (session) await invalidateSession(session.sessionId);
  const headers = new Headers();
  headers.append("Set-Cookie", serializeBlankSessionCookie());
  headers.append("Set-Cookie", await setFlashHeader({ type: "info", message: "flash.signedOut" }));
  return redirect("/", { headers });
}

export const loader = () => redirect("/");
