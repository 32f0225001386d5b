// Each person's own notification stream: /events/community-notifications (live badge).
import { registerStream } from "~/lib/events/registry.server.ts";
import { requireCommunity } from "./access.server.ts";
import { notificationStream } from "./notifications.server.ts";

registerStream({
  name: "community-notifications",
  async open(request) {
    const { user } = await requireCommunity(request);
    return { stream: notificationStream(user.id), accountId: user.id };
  },
});
