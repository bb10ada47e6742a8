import { setPreferences } from "@mm/api";
import type { Db } from "@mm/db";
import { NOTIFICATION_KIND_LABELS } from "@mm/domain";
import { verifyUnsubscribeToken } from "@mm/mail";
import { Hono } from "hono";

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Prescribed Massage</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * One-click unsubscribe from one kind of email (RFC 8058): mail clients POST `List-Unsubscribe=One-Click` from
 * their own servers, with no session and no Origin, so the signed token is the whole proof. GET only shows a
 * confirmation button, because link scanners fetch every URL in an email.
 */
export function unsubscribeRoutes(deps: { db: Db; secret: string }) {
  const app = new Hono();
  app.get("/", (c) => {
    const token = c.req.query("token") ?? "";
    const target = verifyUnsubscribeToken(deps.secret, token);
    if (!target) return c.html(page("Link not valid", "<p>This unsubscribe link is not valid.</p>"), 400);
    const what = escapeHtml(NOTIFICATION_KIND_LABELS[target.kind]);
    return c.html(
      page(
        "Stop these emails?",
        `<p>You will no longer get an email for: “${what}” It stays in your notifications in the portal.</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Stop these emails</button></form>`,
      ),
    );
  });
  app.post("/", async (c) => {
    const target = verifyUnsubscribeToken(deps.secret, c.req.query("token") ?? "");
    if (!target) return c.html(page("Link not valid", "<p>This unsubscribe link is not valid.</p>"), 400);
    await setPreferences(deps.db, target.userId, { email: { [target.kind]: false } });
    return c.html(
      page(
        "Unsubscribed",
        "<p>Done. You can turn these emails back on in the portal under Notifications.</p>",
      ),
    );
  });
  return app;
}
