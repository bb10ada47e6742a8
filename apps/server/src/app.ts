import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { type ApiDeps, appRouter, createContext } from "@mm/api";
import { CLIENT_IP_HEADER, forgetSession } from "@mm/auth";
import { SIGNUP_ROLES } from "@mm/domain";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { LANDING_HTML } from "./landing";
import { type Logger, safeErrorFields } from "./logger";
import { documentRoutes } from "./routes/documents";

export type AppOptions = {
  deps: ApiDeps;
  logger: Logger;
  /** Origin(s) allowed to send state-changing requests (the public URL, plus Vite dev servers in development). */
  allowedOrigins: string[];
  /** Built portal folders; omitted in API-only tests. */
  portalDirs?: Record<(typeof SIGNUP_ROLES)[number], string>;
};

const MAX_BODY_BYTES = 256 * 1024;

export function createApp({ deps, logger, allowedOrigins, portalDirs }: AppOptions) {
  const app = new Hono();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables through inline style attributes and a style element.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      referrerPolicy: "no-referrer",
      xFrameOptions: "DENY",
    }),
  );

  // Access log: method, path without query string, status and time. Never bodies or query strings.
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    if (c.req.path === "/healthz") return;
    logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });

  app.get("/healthz", (c) => c.json({ ok: true }));

  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ message: "Request body too large" }, 413),
    }),
  );
  app.use(
    "/trpc/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: { message: "Request body too large" } }, 413),
    }),
  );
  // Cross-site form posts never reach a handler (hono/csrf also reads Sec-Fetch-Site). It only inspects form-like
  // content types, so any state-changing request that names a foreign Origin is refused as well (better-auth
  // alone lets a cookie-less cross-origin sign-up through).
  const foreignOrigin = createMiddleware(async (c, next) => {
    const origin = c.req.header("origin");
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && origin && !allowedOrigins.includes(origin)) {
      return c.json({ message: "Cross-origin request refused" }, 403);
    }
    await next();
  });
  for (const path of ["/api/*", "/trpc/*"]) {
    app.use(path, csrf({ origin: allowedOrigins }));
    app.use(path, foreignOrigin);
  }

  app.on(["GET", "POST"], "/api/auth/*", (c) => {
    // Rate limits key on the connecting address, set here so a client cannot choose its own bucket.
    const headers = new Headers(c.req.raw.headers);
    // Sign-out, password and session changes: the session memo must not outlive them.
    if (c.req.method === "POST") forgetSession(deps.auth, headers);
    headers.set(CLIENT_IP_HEADER, getConnInfo(c).remote.address ?? "unknown");
    return deps.auth.handler(new Request(c.req.raw, { headers }));
  });

  app.all("/trpc/*", (c) =>
    fetchRequestHandler({
      endpoint: "/trpc",
      req: c.req.raw,
      router: appRouter,
      allowMethodOverride: true,
      createContext: () => createContext(deps, c.req.raw.headers),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR")
          logger.error({ procedure: path, ...safeErrorFields(error) }, "procedure failed");
      },
    }),
  );

  app.route("/", documentRoutes(deps, logger, allowedOrigins));

  if (portalDirs) {
    for (const role of SIGNUP_ROLES) {
      const root = portalDirs[role];
      const indexHtml = readFileSync(join(root, "index.html"), "utf8");
      app.get(`/${role}`, (c) => c.redirect(`/${role}/`, 301));
      app.use(`/${role}/*`, serveStatic({ root, rewriteRequestPath: (p) => p.slice(role.length + 1) }));
      // Client-side routes (deep links) all load the portal's index.html.
      app.get(`/${role}/*`, (c) => c.html(indexHtml));
    }
  }

  app.get("/", (c) => c.html(LANDING_HTML));
  app.notFound((c) => c.json({ message: "Not found" }, 404));
  app.onError((error, c) => {
    // Middleware refusals (csrf 403, body limit) are answers, not failures.
    if (error instanceof HTTPException) return error.getResponse();
    logger.error({ path: c.req.path, ...safeErrorFields(error) }, "unhandled error");
    return c.json({ message: "Something went wrong on our side." }, 500);
  });
  return app;
}
