export { type DeliveryDeps, deliverNotificationEmail } from "./delivery";
export {
  insertNotifications,
  type NotificationEffect,
  notificationEffects,
  writeNotifications,
} from "./effects";
export { enqueueNotificationEmails, queueTargetFor, setJobQueue } from "./outbox";
export { getPreferences, setPreferences } from "./queries";
