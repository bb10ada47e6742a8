export { type DeliveryDeps, deliverNotificationEmail, unsubscribeUrl } from "./delivery";
export {
  insertNotifications,
  type NotificationEffect,
  notificationEffects,
  writeNotifications,
} from "./effects";
export {
  getPreferences,
  listNotifications,
  markRead,
  type NotificationItem,
  setPreferences,
  unreadCount,
} from "./queries";
