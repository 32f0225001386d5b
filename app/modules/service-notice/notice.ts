// Limits of the service notice, shared by the admin form (browser) and the module (server).
export const NOTICE_MAX_LENGTH = 280;
export const NOTICE_LEVELS = ["info", "warning"] as const;
export type NoticeLevel = (typeof NOTICE_LEVELS)[number];
