import { NOTIFICATION_KIND_LABELS, type NotificationKind, type Role } from "@mm/domain";

/**
 * Every email the platform sends, in one place. Minimum necessary: an email says what kind of thing happened and
 * links to the portal; it never names a condition, a diagnosis, a note, a name or anything typed into a form.
 */
export type MailContent = { subject: string; text: string; html: string };

const SIGN_OFF = "Prescribed Massage";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function compose(subject: string, lines: string[], action: { label: string; url: string }, footer?: string) {
  const text = [...lines, "", `${action.label}: ${action.url}`, "", footer ?? "", `— ${SIGN_OFF}`]
    .filter((l, i, all) => l !== "" || all[i - 1] !== "")
    .join("\n");
  const html = [
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>`,
    footer ? `<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>` : "",
    `<p>— ${SIGN_OFF}</p>`,
  ].join("\n");
  return { subject, text, html };
}

/** Where a notification about a referral opens: that referral's page in the recipient's own portal. */
export function referralUrl(baseUrl: string, role: Role, referralId: string): string {
  const portal = role === "admin" ? "patient" : role;
  return `${baseUrl.replace(/\/$/, "")}/${portal}/referrals/${encodeURIComponent(referralId)}`;
}

export function notificationEmail(input: {
  kind: NotificationKind;
  link: string;
  unsubscribeUrl: string;
}): MailContent {
  const what = NOTIFICATION_KIND_LABELS[input.kind];
  return compose(
    what.replace(/\.$/, ""),
    [what, "Sign in to read it."],
    { label: "Open the referral", url: input.link },
    `You get this email because email is on for this kind of notification. Stop these emails: ${input.unsubscribeUrl}`,
  );
}

export function verifyEmailMail(url: string): MailContent {
  return compose(
    "Confirm your email address",
    ["Please confirm that this email address is yours.", "The link works once and expires in an hour."],
    { label: "Confirm my email address", url },
    "If you did not create an account, ignore this email.",
  );
}

export function resetPasswordMail(url: string): MailContent {
  return compose(
    "Reset your password",
    [
      "Someone (hopefully you) asked to reset the password of this account.",
      "The link works once and expires in an hour.",
    ],
    { label: "Choose a new password", url },
    "If you did not ask, ignore this email: your password stays as it is.",
  );
}

/** Sent instead of a verification link when someone signs up with an address that already has an account. */
export function existingAccountMail(url: string): MailContent {
  return compose(
    "Someone tried to create an account with your email address",
    [
      "Someone (maybe you) tried to create a new account with this email address, which already has one.",
      "Nothing was changed. If it was you, sign in, or choose a new password if you forgot it.",
    ],
    { label: "Choose a new password", url },
    "If it was not you, ignore this email: your account stays as it is.",
  );
}
