// The header's community notifications badge: the unread count rendered by the server (so it shows
// without JavaScript), then kept current by the person's own notification stream
// (/events/community-notifications), as the service notice is. Only people who use the
// community get it (the root loader reads nothing for anyone else).
import { useEffect, useRef, useState } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Icon } from "./icon.tsx";

export type BadgeState = { count: number; seq: number };

export function CommunityBadge({ initial }: { initial: BadgeState }) {
  const { t } = useTranslation("community");
  const [state, setState] = useState(initial);
  // A navigation brings the loader's count (e.g. 0 after reading them), unless the stream is ahead.
  useEffect(() => {
    setState((current) => (initial.seq >= current.seq ? initial : current));
  }, [initial]);
  const from = useRef(initial.seq);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/events/community-notifications?lastEventId=${from.current}`);
    source.addEventListener("notification", (event) => {
      const seq = Number((event as MessageEvent).lastEventId);
      setState((current) => (seq > current.seq ? { seq, count: current.count + 1 } : current));
    });
    return () => source.close();
  }, []);
  const label = t("badge.label", { count: state.count });
  return (
    <Link to="/community/notifications" className="text-white text-decoration-none" data-testid="community-badge">
      <Icon name="it-comment" className="icon-white" />
      <span className="visually-hidden" aria-live="polite" aria-atomic="true">
        {label}
      </span>
      {state.count > 0 ? (
        <span className="badge bg-danger ms-1" aria-hidden="true">
          {state.count > 99 ? "99+" : state.count}
        </span>
      ) : null}
    </Link>
  );
}
