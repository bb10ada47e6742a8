import { type NotificationData, notifications } from "@mantine/notifications";

/**
 * A toast that passes WCAG AA: its close button has a name screen readers can say (Mantine leaves it unnamed) and
 * its text under a title is dark enough on white (Mantine's description grey is 3.3:1).
 */
export function notify(data: NotificationData) {
  notifications.show({
    closeButtonProps: { "aria-label": "Close notification" },
    styles: { description: { color: "var(--mantine-color-gray-8)" } },
    ...data,
  });
}
