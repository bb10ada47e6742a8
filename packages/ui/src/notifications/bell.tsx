import { Button, Indicator } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { useTRPC } from "../trpc";

// Until the per-user live stream (notification.onEvent) lands, the count refreshes on a short poll and on focus.
const REFRESH_MS = 30_000;

function useUnreadCount() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.notification.unreadCount.queryOptions(), refetchInterval: REFRESH_MS });
}

/** The header's bell: the unread count, linking to the notification list. */
export function NotificationBell() {
  const unread = useUnreadCount();
  const n = unread.data?.count ?? 0;
  const label = n === 0 ? "Notifications, none unread" : `Notifications, ${n} unread`;
  return (
    <Indicator label={n > 99 ? "99+" : n} size={18} disabled={n === 0} color="red" offset={4}>
      <Button component={Link} to="/notifications" variant="subtle" size="sm" aria-label={label}>
        <span aria-hidden="true">🔔</span>
      </Button>
    </Indicator>
  );
}
