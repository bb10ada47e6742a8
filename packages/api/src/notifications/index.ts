export { type DeliveryDeps, deliverNotificationEmail, unsubscribeUrl } from "./delivery";
export {
  insertNotifications,
  type NotificationEffect,
  notificationEffects,
  writeNotifications,
} from "./effects";
export { enqueueNotificationEmails, queueTargetFor } from "./outbox";
export {
  getPreferences,
  listNotifications,
  markRead,
  type NotificationItem,
  setPreferences,
  unreadCount,
} from "./queries";
