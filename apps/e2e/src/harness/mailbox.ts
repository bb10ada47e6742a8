import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { inject } from "vitest";

const mailDir = inject("mailDir");

/** Quoted-printable text as written by nodemailer: soft line breaks and =XX escapes. */
function decodeQuotedPrintable(s: string): string {
  return s
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/**
 * Reads the emails in the mail folder, newest first, until `pick` answers something for one of them; polls until
 * `timeoutMs` is up.
 */
async function waitForMail<T>(
  to: string,
  subject: string,
  timeoutMs: number,
  pick: (file: string) => T | undefined | Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let names: string[] = [];
    try {
      names = readdirSync(mailDir).filter((n) => n.endsWith(".eml"));
    } catch {}
    for (const name of names.sort().reverse()) {
      const found = await pick(join(mailDir, name));
      if (found !== undefined) return found;
    }
    if (Date.now() > deadline) throw new Error(`no "${subject}" email to ${to} in ${mailDir}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits for an email to `to` whose subject matches, and answers its first link containing `containing`. */
export async function linkFromMail(to: string, subject: string, containing: string, timeoutMs = 15_000) {
  return waitForMail(to, subject, timeoutMs, (file) => {
    const raw = readFileSync(file, "utf8");
    const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
    if (!head.includes(`To: ${to}`) || !head.includes(`Subject: ${subject}`)) return undefined;
    return decodeQuotedPrintable(raw)
      .match(/https?:\/\/[^\s"<>]+/g)
      ?.find((l) => l.includes(containing));
  });
}

/**
 * Waits for an email to `to` whose subject is `subject` and whose text has a link containing `containing`, parsed
 * with mailparser (headers, quoted-printable, parts as a mail client reads them). Newest first.
 */
export async function parsedMail(to: string, subject: string, containing: string, timeoutMs = 15_000) {
  return waitForMail(to, subject, timeoutMs, async (file) => {
    const mail = await simpleParser(readFileSync(file));
    const addressed = [mail.to].flat().some((a) => a?.value.some((v) => v.address === to));
    if (!addressed || mail.subject !== subject) return undefined;
    const link = (mail.text ?? "").match(/https?:\/\/\S+/g)?.find((l) => l.includes(containing));
    return link ? { mail, link } : undefined;
  });
}
