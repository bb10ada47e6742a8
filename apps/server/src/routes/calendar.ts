import { type ApiDeps, calendar, createContext } from "@mm/api";
import { DomainError } from "@mm/domain";
import { Hono } from "hono";
import type { Logger } from "../logger";
import { safeErrorFields } from "../logger";

/**
 * Calendar files over plain HTTP (a calendar app fetches a URL, not a tRPC call): an appointment's .ics with the
 * session cookie (its patient or therapist only), and the private feed whose unguessable token is the only key.
 * Unknown, revoked or someone else's: 404 alike. Never cached by a proxy.
 */
export function calendarRoutes(deps: ApiDeps, logger: Logger) {
  const app = new Hono();
  const ics = (body: string | Uint8Array, filename: string) =>
    new Response(body as BodyInit, {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });

  app.get("/calendar/appointments/:file{.+\\.ics}", async (c) => {
    c.header("Cache-Control", "no-store");
    const ctx = await createContext(deps, c.req.raw.headers);
    if (!ctx.user) return c.json({ message: "Please sign in." }, 401);
    try {
      const id = c.req.param("file").slice(0, -".ics".length);
      const d = await calendar.appointmentIcsDownload(
        { ...ctx, user: ctx.user },
        id,
        new URL(c.req.url).origin,
      );
      return ics(d.bytes, d.filename);
    } catch (error) {
      if (error instanceof DomainError && error.kind === "not_found")
        return c.json({ message: "Not found" }, 404);
      logger.error({ path: c.req.routePath, ...safeErrorFields(error) }, "calendar file failed");
      return c.json({ message: "Something went wrong on our side." }, 500);
    }
  });

  app.get("/calendar/feed/:file{.+\\.ics}", async (c) => {
    c.header("Cache-Control", "no-store");
    const token = c.req.param("file").slice(0, -".ics".length);
    const now = deps.now?.() ?? new Date();
    const body = await calendar.calendarFeedIcs(deps.db, token, now, new URL(c.req.url).origin);
    if (body === null) return c.json({ message: "Not found" }, 404);
    return ics(body, "appointments.ics");
  });
  return app;
}
