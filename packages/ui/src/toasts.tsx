import { Notifications } from "@mantine/notifications";

/** Mantine's toast container; its own module so it (and its transitions) can load with the first toast. */
export function ToastContainer() {
  return <Notifications position="top-right" />;
}
