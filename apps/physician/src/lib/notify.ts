import { type NotificationData, notifications } from "@mantine/notifications";

/** A toast whose close button has a name screen readers can say (Mantine leaves it unnamed). */
export function notify(data: NotificationData) {
  notifications.show({ closeButtonProps: { "aria-label": "Close notification" }, ...data });
}
