import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "medmassage" },
    // Belt and braces: nothing that can carry credentials or health data is ever serialized.
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.input", "*.body"],
      remove: true,
    },
  });
}

/**
 * What is safe to log about an error: its class, code and constraint. Driver and ORM messages can quote the
 * failing statement's parameters (health data), so they are never logged.
 */
export function safeErrorFields(error: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let e: unknown = error;
  for (let depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const o = e as { name?: string; code?: unknown; constraint?: unknown; table?: unknown };
    out[`name${depth}`] = o.name;
    if (typeof o.code === "string") out[`code${depth}`] = o.code;
    if (typeof o.constraint === "string") out[`constraint${depth}`] = o.constraint;
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}
