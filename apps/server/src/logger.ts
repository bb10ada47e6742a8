import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "medmassage" },
    // Belt and braces: nothing that can carry credentials or health data is ever serialized.
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.input", "*.body"],
      remove: true,
    },
  };
  return destination ? pino(options, destination) : pino(options);
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

/** better-auth's log lines through the app's logger: its message (already stripped of SQL and emails) and the safe
 * fields of its error, never the error's message or stack. */
export function authLogTo(logger: Logger) {
  return (level: "debug" | "info" | "warn" | "error", message: string, error?: unknown) =>
    logger[level]({ source: "better-auth", ...(error ? safeErrorFields(error) : {}) }, message);
}
