import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseTrustedProxies } from "./client-address";

/** The repository root, whatever folder the command runs in: default home of the embedded database. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATA_DIR: z.string().min(1).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection string")
      .optional(),
    // A direct session connection (not PgBouncer in transaction mode) for LISTEN and the migration lock.
    DATABASE_DIRECT_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection string")
      .optional(),
    BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    BETTER_AUTH_URL: z.url("must be a URL such as https://massage.example.org").optional(),
    TRUSTED_ORIGINS: z.string().optional(),
    AUTH_SIGN_IN_LIMIT: z.coerce.number().int().min(1).max(10_000).default(5),
    AUTH_ACCOUNT_SIGN_IN_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
    TRPC_CALLS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
    // Comma-separated addresses / CIDR ranges of the load balancers whose X-Forwarded-For is believed.
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        try {
          parseTrustedProxies(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
    // API-only mode (tests that spawn the server without building the portals).
    SERVE_PORTALS: z.enum(["true", "false"]).default("true"),
    // Unset: every email is written as an .eml file under DATA_DIR/mail (`pnpm admin mail` lists them).
    SMTP_URL: z
      .string()
      .regex(
        /^smtps?:\/\/[^/]/,
        "must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.org:587",
      )
      .optional(),
    MAIL_FROM: z
      .string()
      .regex(
        /^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
        'must be an address such as "Clinic <no-reply@example.org>"',
      )
      .optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Unset: uploads are stored in the database. Set all four (and S3_REGION if not us-east-1) for a bucket.
    S3_ENDPOINT: z
      .url({
        protocol: /^https?$/,
        error: "must be an http(s) URL such as https://s3.us-east-1.amazonaws.com",
      })
      .optional(),
    S3_BUCKET: z.string().min(1).optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.DATA_DIR && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_SECRET"],
        message:
          "is required when DATABASE_URL is set (every instance must share it): generate one with `openssl rand -base64 32`",
      });
    }
    const s3 = ["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;
    if (s3.some((key) => env[key])) {
      for (const key of s3.filter((k) => !env[k])) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `is required with the other S3 settings (${s3.join(", ")})`,
        });
      }
    }
    if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_FROM"],
        message: "is required when SMTP_URL is set (the sender address your mail server accepts)",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Validates process.env once; on failure prints one line per problem and exits. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "env"}: ${i.message}`);
  console.error(`Invalid environment, cannot start:\n${lines.join("\n")}`);
  process.exit(1);
}

export function envErrors(source: NodeJS.ProcessEnv): string[] {
  const parsed = envSchema.safeParse(source);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

/** Embedded PGlite unless DATABASE_URL is set; an explicit DATA_DIR always means embedded. */
export function databaseTarget(env: Env): { dataDir?: string; databaseUrl?: string; directUrl?: string } {
  if (env.DATA_DIR) return { dataDir: env.DATA_DIR };
  if (env.DATABASE_URL)
    return { databaseUrl: env.DATABASE_URL, directUrl: env.DATABASE_DIRECT_URL ?? env.DATABASE_URL };
  return { dataDir: `${REPO_ROOT}.data` };
}

/** Where email goes: the SMTP server, or .eml files in the data directory (also where a PostgreSQL setup keeps them). */
export function mailSettings(env: Env): { smtpUrl?: string; from: string; mailDir: string } {
  const dataDir = env.DATA_DIR ?? `${REPO_ROOT}.data`;
  return {
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM ?? "Prescribed Massage <no-reply@localhost>",
    mailDir: `${dataDir}/mail`,
  };
}

/** The S3-compatible bucket for uploads, when configured; otherwise undefined (they stay in the database). */
export function s3Settings(env: Env) {
  if (!env.S3_ENDPOINT || !env.S3_BUCKET || !env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY)
    return undefined;
  return {
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
  };
}
