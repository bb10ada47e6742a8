export {
  createMailer,
  listMailbox,
  type MailboxEntry,
  type Mailer,
  type MailerOptions,
  type OutgoingMail,
} from "./mailer";
export {
  existingAccountMail,
  type MailContent,
  notificationEmail,
  referralUrl,
  resetPasswordMail,
  verifyEmailMail,
} from "./templates";
export { unsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe";
