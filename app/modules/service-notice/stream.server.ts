// The service notice is public: visitors and members alike read it on every page.
import { registerStream } from "~/lib/events/registry.server.ts";
import { getUser } from "~/modules/auth/current-user.server.ts";
import { SERVICE_NOTICE_STREAM } from "./notice.server.ts";

registerStream({
  name: SERVICE_NOTICE_STREAM,
  async open(request) {
    const user = await getUser(request);
    return { stream: SERVICE_NOTICE_STREAM, accountId: user?.id ?? null };
  },
});
