export {
  EMAIL_FAILED_QUEUE,
  EMAIL_QUEUE,
  EMAIL_RETRY,
  type EmailJob,
  enqueueEmails,
  type FailedEmail,
  listFailedEmails,
  type PgBoss,
  type QueueTarget,
  type RetryPolicy,
  startJobQueue,
  workEmails,
} from "./queue";
