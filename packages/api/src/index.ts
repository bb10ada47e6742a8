export * as calendar from "./calendar";
export { callerAs } from "./caller-as";
export { type ApiDeps, type Context, createContext, type SessionUser } from "./context";
export * as documents from "./documents";
export {
  type DeliveryDeps,
  deliverNotificationEmail,
  enqueueNotificationEmails,
  getPreferences,
  insertNotifications,
  type NotificationEffect,
  notificationEffects,
  queueTargetFor,
  setJobQueue,
  setPreferences,
  writeNotifications,
} from "./notifications";
export { type AppRouter, appRouter } from "./router";
export { listPendingClinicians, verifyClinician } from "./services/admin-service";
export { sendAppointmentReminders } from "./services/appointment-reminders";
export { expireDueReferrals } from "./services/expiry-service";
export { getMe, updateProfile as updateProfileAsUser } from "./services/profile-service";
export { type ReminderRun, sendDueReminders } from "./services/reminder-service";
export { createCallerFactory } from "./trpc";
