import { Button, Indicator } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { useTRPC } from "../trpc";

// The live stream (useLiveNotifications) refreshes the count at once; the poll is the fallback while it is down.
const REFRESH_MS = 60_000;

function useUnreadCount() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.notification.unreadCount.queryOptions(), refetchInterval: REFRESH_MS });
}

/** A drawn bell (an emoji 🔔 shows as an empty box where no emoji font is installed). */
function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The header's bell: the unread count, linking to the notification list. `live`: the stream is connected. */
export function NotificationBell({ live = false }: { live?: boolean }) {
  const unread = useUnreadCount();
  const n = unread.data?.count ?? 0;
  const label = n === 0 ? "Notifications, none unread" : `Notifications, ${n} unread`;
  return (
    <Indicator label={n > 99 ? "99+" : n} size={18} disabled={n === 0} color="red" offset={4}>
      <Button
        component={Link}
        to="/notifications"
        variant="subtle"
        size="sm"
        aria-label={label}
        data-live={live}
      >
        <BellIcon />
      </Button>
    </Indicator>
  );
}
