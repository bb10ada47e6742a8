import { readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { type ApiDeps, appRouter, createContext } from "@mm/api";
import { CLIENT_IP_HEADER, forgetSession } from "@mm/auth";
import { SIGNUP_ROLES } from "@mm/domain";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { createCallLimiter } from "./call-limit";
import { clientAddressResolver } from "./client-address";
import { FAVICON_SVG } from "./favicon";
import { LANDING_HTML } from "./landing";
import { type Logger, safeErrorFields } from "./logger";
import { calendarRoutes } from "./routes/calendar";
import { documentRoutes } from "./routes/documents";
import { unsubscribeRoutes } from "./unsubscribe";

export type AppOptions = {
  deps: ApiDeps;
  logger: Logger;
  /** Origin(s) allowed to send state-changing requests (the public URL, plus Vite dev servers in development). */
  allowedOrigins: string[];
  /** Built portal folders; omitted in API-only tests. */
  portalDirs?: Record<(typeof SIGNUP_ROLES)[number], string>;
  /** TRUSTED_PROXIES: whose X-Forwarded-For names the client (rate limits key on it). */
  trustedProxies?: string;
  /** tRPC calls per user (or per address when signed out) per minute, per instance. */
  callsPerMinute?: number;
  /** Signs the one-click unsubscribe links in emails (the auth secret); omitted: no /mail/unsubscribe. */
  mailSecret?: string;
};

/** Largest tRPC batch accepted; the portals' batch link sends at most this many calls per request. */
const MAX_BATCH_SIZE = 20;

const MAX_BODY_BYTES = 256 * 1024;
const READY_TIMEOUT_MS = 2000;
const IMMUTABLE = "public, max-age=31536000, immutable";
const HASHED_ASSET = /^\/(patient|physician|therapist)\/assets\//;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timeout")), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function createApp({
  deps,
  logger,
  allowedOrigins,
  portalDirs,
  trustedProxies,
  callsPerMinute = 1200,
  mailSecret,
}: AppOptions) {
  const app = new Hono();
  const clientAddress = clientAddressResolver(trustedProxies);
  const addressOf = (c: Context) =>
    clientAddress(getConnInfo(c).remote.address, c.req.header("x-forwarded-for"));
  const takeCalls = createCallLimiter(callsPerMinute);

  // Liveness: no I/O, no logging, no security headers (a JSON answer to probes, never rendered): registered first,
  // so it is answered before every global middleware and stays the honest HTTP floor the bench compares against.
  app.get("/healthz", (c) => c.json({ ok: true }));

  const pageHeaders = secureHeaders({
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
  });
  // A hashed script or stylesheet is never a page: CSP, framing and HSTS mean nothing on it, and over the ~20 files a
  // portal's first screen loads they cost ~15 KB of uncompressible headers. Such a file keeps what applies to it.
  app.use(async (c, next) => {
    if (!HASHED_ASSET.test(c.req.path)) return pageHeaders(c, next);
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Cross-Origin-Resource-Policy", "same-origin");
  });

  // tRPC answers carry health data: no browser or shared cache may keep a copy, whatever the status.
  app.use("/trpc/*", async (c, next) => {
    await next();
    // On the answer's own headers: c.header() after the handler rebuilds the Response around its body as a stream,
    // which sends every tRPC answer down @hono/node-server's slow streaming path (issue 16's profile).
    c.res.headers.set("Cache-Control", "no-store");
  });

  // Readiness: the database answers and this instance's LISTEN connection hears its own NOTIFY.
  app.get("/readyz", async (c) => {
    const [database, listener] = await Promise.all([
      withTimeout(
        deps.db.execute(sql`select 1`).then(() => true),
        READY_TIMEOUT_MS,
      ).catch(() => false),
      deps.notifier.ping(READY_TIMEOUT_MS).catch(() => false),
    ]);
    return c.json({ ok: database && listener, database, listener }, database && listener ? 200 : 503);
  });

  // Access log: method, path without query string, status and time. Never bodies or query strings.
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
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
    headers.set(CLIENT_IP_HEADER, addressOf(c));
    return deps.auth.handler(new Request(c.req.raw, { headers }));
  });

  app.all("/trpc/*", (c) =>
    fetchRequestHandler({
      endpoint: "/trpc",
      req: c.req.raw,
      router: appRouter,
      allowMethodOverride: true,
      // Refused with 400 before any call runs.
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: async ({ info }) => {
        const ctx = await createContext(deps, c.req.raw.headers);
        const key = ctx.user ? `user:${ctx.user.id}` : `address:${addressOf(c)}`;
        if (!takeCalls(key, Math.max(1, info.calls.length)))
          throw new TRPCError({
            code: "TOO_MANY_REQUESTS",
            message: "Too many requests. Try again in a minute.",
          });
        return ctx;
      },
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR")
          logger.error({ procedure: path, ...safeErrorFields(error) }, "procedure failed");
      },
    }),
  );

  app.get("/favicon.svg", (c) => {
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(FAVICON_SVG, 200, { "Content-Type": "image/svg+xml" });
  });
  app.get("/favicon.ico", (c) => c.redirect("/favicon.svg", 301));
  if (mailSecret) {
    app.use("/mail/*", bodyLimit({ maxSize: 4096, onError: (c) => c.text("Request body too large", 413) }));
    app.route("/mail/unsubscribe", unsubscribeRoutes({ db: deps.db, secret: mailSecret }));
  }
  app.route("/", documentRoutes(deps, logger, allowedOrigins));
  app.route("/", calendarRoutes(deps, logger));

  if (portalDirs) {
    for (const role of SIGNUP_ROLES) {
      const root = portalDirs[role];
      const indexHtml = readFileSync(join(root, "index.html"), "utf8");
      const hashedAssets = join(root, "assets") + sep;
      app.get(`/${role}`, (c) => c.redirect(`/${role}/`, 301));
      app.use(
        `/${role}/*`,
        serveStatic({
          root,
          rewriteRequestPath: (p) => p.slice(role.length + 1),
          // The build writes .br/.gz beside each file; the one the browser accepts is sent as is.
          precompressed: true,
          onFound: (path, c) => {
            // Vite names every file in assets/ by its content hash: it never changes under that name.
            c.header("Cache-Control", path.startsWith(hashedAssets) ? IMMUTABLE : "no-cache");
          },
        }),
      );
      // A missing hashed file is a 404, never the portal's page (which would be served without a page's headers).
      app.get(`/${role}/assets/*`, (c) => c.notFound());
      // Client-side routes (deep links) all load the portal's index.html, revalidated on every load.
      app.get(`/${role}/*`, (c) => {
        c.header("Cache-Control", "no-cache");
        return c.html(indexHtml);
      });
    }
  }

  app.get("/", (c) => {
    c.header("Cache-Control", "no-cache");
    return c.html(LANDING_HTML);
  });
  app.notFound((c) => c.json({ message: "Not found" }, 404));
  app.onError((error, c) => {
    // Middleware refusals (csrf 403, body limit) are answers, not failures.
    if (error instanceof HTTPException) return error.getResponse();
    logger.error({ path: c.req.path, ...safeErrorFields(error) }, "unhandled error");
    return c.json({ message: "Something went wrong on our side." }, 500);
  });
  return app;
}
