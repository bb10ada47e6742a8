import { type ApiDeps, type Context, createContext, documents, type SessionUser } from "@mm/api";
import { DomainError, MAX_UPLOAD_BYTES } from "@mm/domain";
import type { Context as HonoContext } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { ZodError } from "zod";
import type { Logger } from "../logger";
import { safeErrorFields } from "../logger";

type SignedIn = Context & { user: SessionUser };

/**
 * Documents, uploads and FHIR over plain HTTP (a PDF or a file is not a tRPC answer): the session cookie, the
 * referral's parties only (anyone else: 404, exactly like a missing record), every answer `no-store`.
 */
export function documentRoutes(deps: ApiDeps, logger: Logger, allowedOrigins: string[]) {
  const app = new Hono();
  // Uploads are state-changing: a post that names a foreign Origin (or a cross-site form) is refused.
  app.use("/files", csrf({ origin: allowedOrigins }));
  app.use("/files", async (c, next) => {
    const origin = c.req.header("origin");
    if (c.req.method !== "GET" && origin && !allowedOrigins.includes(origin)) {
      return c.json({ message: "Cross-origin request refused" }, 403);
    }
    await next();
  });

  /** Runs `handler` as the signed-in user, mapping domain refusals to HTTP statuses (never a 500 for bad input). */
  async function asUser(c: HonoContext, handler: (ctx: SignedIn) => Promise<Response>): Promise<Response> {
    c.header("Cache-Control", "no-store");
    const ctx = await createContext(deps, c.req.raw.headers);
    if (!ctx.user) return c.json({ message: "Please sign in." }, 401);
    try {
      return await handler(ctx as SignedIn);
    } catch (error) {
      if (error instanceof ZodError) {
        const fieldErrors = Object.fromEntries(error.issues.map((i) => [i.path.join("."), i.message]));
        const [field, message] = Object.entries(fieldErrors)[0] ?? ["input", "Invalid input"];
        return c.json({ message: `${field}: ${message}`, field, fieldErrors }, 400);
      }
      if (error instanceof DomainError) {
        if (error.kind === "not_found") return c.json({ message: "Not found" }, 404);
        if (error.kind === "invalid") return c.json({ message: error.message, field: error.rule }, 400);
        if (error.kind === "forbidden") return c.json({ message: error.message, rule: error.rule }, 403);
        return c.json({ message: error.message, rule: error.rule }, 412);
      }
      logger.error({ path: c.req.routePath, ...safeErrorFields(error) }, "document failed");
      return c.json({ message: "Something went wrong on our side." }, 500);
    }
  }

  const send = (
    c: HonoContext,
    d: documents.Download,
    disposition: "attachment" | "inline" = "attachment",
  ) => {
    c.header("Content-Type", d.contentType);
    c.header("Content-Disposition", `${disposition}; filename="${d.filename}"`);
    c.header("Cache-Control", "no-store");
    return c.body(d.bytes as Uint8Array<ArrayBuffer>);
  };

  app.get("/documents/prescriptions/:file{.+\\.pdf}", (c) =>
    asUser(c, async (ctx) => {
      const id = c.req.param("file").slice(0, -".pdf".length);
      return send(c, await documents.prescriptionDownload(ctx, id, new URL(c.req.url).origin));
    }),
  );
  app.get("/documents/letters/:file{.+\\.pdf}", (c) =>
    asUser(c, async (ctx) => {
      const id = c.req.param("file").slice(0, -".pdf".length);
      return send(c, await documents.letterDownload(ctx, id, c.req.query("paper")));
    }),
  );
  app.get("/documents/patients/:id/record.zip", (c) =>
    asUser(c, async (ctx) =>
      send(c, await documents.recordZip(ctx, c.req.param("id"), new URL(c.req.url).origin)),
    ),
  );
  app.get("/documents/superbill.pdf", (c) =>
    asUser(c, async (ctx) => send(c, await documents.superbillDownload(ctx, c.req.query()))),
  );
  app.post(
    "/files",
    bodyLimit({
      // The file plus the multipart envelope; the service checks the file's own size exactly.
      maxSize: MAX_UPLOAD_BYTES + 64 * 1024,
      onError: (c) => c.json({ message: "file: The file is larger than 10 MB", field: "file" }, 413),
    }),
    (c) =>
      asUser(c, async (ctx) => {
        const body = await c.req.parseBody().catch(() => null);
        if (!body) return c.json({ message: "Send the upload as multipart/form-data", field: "file" }, 400);
        const file = body.file instanceof File ? body.file : null;
        const out = await documents.fileUpload(ctx, {
          referralId: body.referralId,
          file: file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null,
        });
        return c.json(out, 201);
      }),
  );
  app.get("/files/:id", (c) =>
    asUser(c, async (ctx) => send(c, await documents.fileDownload(ctx, c.req.param("id")))),
  );
  const fhirBase = (c: HonoContext) => `${new URL(c.req.url).origin}/fhir/R4`;
  const fhir = (c: HonoContext, body: unknown) => {
    c.header("Content-Type", "application/fhir+json; charset=utf-8");
    c.header("Cache-Control", "no-store");
    return c.body(JSON.stringify(body));
  };
  app.get("/fhir/R4/metadata", (c) => fhir(c, documents.capabilityStatement(fhirBase(c), new Date())));
  app.get("/fhir/R4/referrals/:id", (c) =>
    asUser(c, async (ctx) =>
      fhir(c, await documents.referralBundle(ctx.db, ctx.user, c.req.param("id"), fhirBase(c), ctx.now())),
    ),
  );
  app.get("/fhir/R4/Patient/:id/:operation", (c) =>
    asUser(c, async (ctx) => {
      if (c.req.param("operation") !== "$everything") return c.json({ message: "Not found" }, 404);
      return fhir(
        c,
        await documents.patientEverything(ctx.db, ctx.user, c.req.param("id"), fhirBase(c), ctx.now()),
      );
    }),
  );
  // The verification link printed on the prescription: recomputes the hash of the stored content.
  app.get("/documents/prescriptions/:id/verify", (c) =>
    asUser(c, async (ctx) => c.json(await documents.prescriptionVerification(ctx, c.req.param("id")))),
  );

  return app;
}
