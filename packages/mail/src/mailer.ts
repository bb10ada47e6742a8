import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createTransport } from "nodemailer";
import type { MailContent } from "./templates";

export type OutgoingMail = MailContent & {
  to: string;
  /** One-click unsubscribe (RFC 8058): List-Unsubscribe + List-Unsubscribe-Post headers. */
  unsubscribeUrl?: string;
};

export type Mailer = {
  /** "smtp" when SMTP_URL is set; "files" writes .eml files under the mail directory. */
  kind: "smtp" | "files";
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
};

export type MailerOptions = { from: string; smtpUrl?: string; mailDir: string };

/** SMTP through nodemailer when a URL is given; otherwise each message becomes an .eml file the operator can open. */
export function createMailer(options: MailerOptions): Mailer {
  const message = (mail: OutgoingMail) => ({
    from: options.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    ...(mail.unsubscribeUrl
      ? {
          list: { unsubscribe: { url: mail.unsubscribeUrl, comment: "Unsubscribe" } },
          headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        }
      : {}),
  });
  if (options.smtpUrl) {
    const transport = createTransport(options.smtpUrl);
    return {
      kind: "smtp",
      async send(mail) {
        const info = await transport.sendMail(message(mail));
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const transport = createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    kind: "files",
    async send(mail) {
      const info = await transport.sendMail(message(mail));
      mkdirSync(options.mailDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}.eml`;
      // Written then renamed, so a listing never sees half a message.
      const tmp = join(options.mailDir, `.${name}.tmp`);
      writeFileSync(tmp, info.message as Buffer);
      renameSync(tmp, join(options.mailDir, name));
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

export type MailboxEntry = { file: string; date: string; to: string; subject: string };

/** The .eml files written by the embedded transport, newest first, with the headers an operator scans. */
export function listMailbox(mailDir: string): MailboxEntry[] {
  let names: string[];
  try {
    names = readdirSync(mailDir).filter((n) => n.endsWith(".eml"));
  } catch {
    return [];
  }
  return names
    .sort()
    .reverse()
    .map((file) => {
      const head = readFileSync(join(mailDir, file), "utf8").split(/\r?\n\r?\n/, 1)[0] ?? "";
      const header = (name: string) =>
        new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, "im").exec(head)?.[1]?.replace(/\r?\n[ \t]/g, " ") ??
        "";
      return {
        file: join(mailDir, file),
        date: header("Date"),
        to: header("To"),
        subject: header("Subject"),
      };
    });
}
