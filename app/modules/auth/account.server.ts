// Changes a signed-in user makes to their own account.
import { db } from "~/lib/db.server.ts";
import { hashPassword, verifyPassword } from "./password.server.ts";
import { notifyPasswordChanged } from "./password-reset.server.ts";
import { invalidateUserSessions } from "./session.server.ts";
import type { Locale } from "~/lib/i18n/resources.ts";
import type { StaffKind } from "~/generated/sqlite/client.ts";

export async function changePassword(input: {
  userId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  endOtherSessions: boolean;
}): Promise<{ ok: true; endedSessions: number } | { ok: false; reason: "wrongCurrent" }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: input.userId } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false, reason: "wrongCurrent" };
  }
  const now = new Date();
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.newPassword), passwordChangedAt: now } });
  const endedSessions = input.endOtherSessions ? await invalidateUserSessions(user.id, input.sessionId) : 0;
  await notifyPasswordChanged(user, now);
  return { ok: true, endedSessions };
}

export async function updateProfile(userId: string, profile: { name: string; jobTitle?: string; staffKind?: StaffKind; locale: Locale }) {
  return db.user.update({
    where: { id: userId },
    data: { name: profile.name, jobTitle: profile.jobTitle ?? null, staffKind: profile.staffKind ?? null, locale: profile.locale },
  });
}

/** The name of the user's organization, for the profile page. */
export async function organizationName(organizationId: string | null) {
  if (!organizationId) return null;
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { name: true } });
  return organization?.name ?? null;
}

/** The language chosen with the language switcher, kept on the account. */
export async function setPreferredLocale(userId: string, locale: Locale) {
  await db.user.update({ where: { id: userId }, data: { locale } });
}
