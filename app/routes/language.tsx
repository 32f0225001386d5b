// POST /language: switch the interface language (kept in a cookie and, when signed in, on the account).
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirectPath } from "~/lib/http.server.ts";
import { localeCookie } from "~/lib/i18n/locale.server.ts";
import { isLocale } from "~/lib/i18n/resources.ts";
import { setPreferredLocale } from "~/modules/auth/account.server.ts";
import { getUser } from "~/modules/auth/current-user.server.ts";
import { readForm } from "~/lib/request-body.server.ts";

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form.get("locale");
  const to = safeRedirectPath(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  const user = await getUser(request);
  if (user) await setPreferredLocale(user.id, locale);
  return redirect(to, { headers: { "Set-Cookie": await localeCookie().serialize(locale) } });
}

export const loader = () => redirect("/");
