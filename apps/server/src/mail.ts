import type { AccountMail } from "@mm/auth";
import { createMailer, existingAccountMail, type Mailer, resetPasswordMail, verifyEmailMail } from "@mm/mail";
import { type Env, mailSettings } from "./env";

export function mailerFromEnv(env: Env): Mailer {
  return createMailer(mailSettings(env));
}

/**
 * better-auth's account emails through the platform's mailer and templates. Sent at once rather than queued: the
 * link carries a one-hour token that should not sit in a job table, and the person is waiting for it.
 */
export function accountMail(mailer: Mailer, onError: (error: Error) => void = () => {}): AccountMail {
  const send = async (mail: Parameters<Mailer["send"]>[0]) => {
    try {
      await mailer.send(mail);
    } catch (error) {
      onError(error as Error);
      throw error;
    }
  };
  return {
    verifyEmail: (to, url) => send({ to, ...verifyEmailMail(url) }),
    resetPassword: (to, url) => send({ to, ...resetPasswordMail(url) }),
    existingAccount: (to, url) => send({ to, ...existingAccountMail(url) }),
  };
}
