import { notifications } from "@mantine/notifications";

/**
 * A short confirmation toast. Its close button has a name (Mantine's has none) and its text is dark enough for
 * WCAG AA (Mantine's description grey is 3.3:1 on white).
 */
export function notify({
  title,
  message,
  color = "teal",
}: {
  title: string;
  message: string;
  color?: string;
}) {
  notifications.show({
    title,
    message,
    color,
    closeButtonProps: { "aria-label": "Close message" },
    styles: { description: { color: "var(--mantine-color-gray-8)" } },
  });
}
