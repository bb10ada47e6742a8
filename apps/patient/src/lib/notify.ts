import { notifications } from "@mantine/notifications";

/** A short confirmation toast; its close button has a name (Mantine's default one has none). */
export function notify({
  title,
  message,
  color = "teal",
}: {
  title: string;
  message: string;
  color?: string;
}) {
  notifications.show({ title, message, color, closeButtonProps: { "aria-label": "Close message" } });
}
