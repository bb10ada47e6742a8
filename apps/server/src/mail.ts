import type { AccountMail } from "@mm/auth";
import { createMailer, type Mailer, resetPasswordMail, verifyEmailMail } from "@mm/mail";
import { type Env, mailSettings } from "./env";

export function mailerFromEnv(env: Env): Mailer {
  return createMailer(mailSettings(env));
}

/** better-auth's account emails through the platform's mailer and templates. */
export function accountMail(mailer: Mailer): AccountMail {
  return {
    verifyEmail: async (to, url) => {
      await mailer.send({ to, ...verifyEmailMail(url) });
    },
    resetPassword: async (to, url) => {
      await mailer.send({ to, ...resetPasswordMail(url) });
    },
  };
}
