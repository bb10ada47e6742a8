import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** apps/server, run from source with tsx exactly like `pnpm start` does. */
export const SERVER_DIR = fileURLToPath(new URL("../../../server/", import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Environment for the server and seed: a fresh embedded database, nothing inherited that could point elsewhere. */
export function serverEnv(opts: { port: number; dataDir: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["DATABASE_URL", "BETTER_AUTH_URL", "BETTER_AUTH_SECRET", "TRUSTED_ORIGINS", "HOST"]) {
    delete env[key];
  }
  return {
    ...env,
    NODE_ENV: "production",
    PORT: String(opts.port),
    HOST: "127.0.0.1",
    DATA_DIR: opts.dataDir,
    AUTH_SIGN_IN_LIMIT: "1000",
    LOG_LEVEL: "warn",
  };
}

function tsx(script: string, env: NodeJS.ProcessEnv, logPath: string): ChildProcess {
  const log = createWriteStream(logPath, { flags: "a" });
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: SERVER_DIR,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

function tail(path: string, lines = 40): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** `pnpm seed` on the data dir: the documented demo accounts. */
export async function runSeed(env: NodeJS.ProcessEnv, logPath: string): Promise<void> {
  const child = tsx("src/cli/seed.ts", env, logPath);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`Seeding the e2e database failed (exit ${code}). Log:\n${tail(logPath)}`);
}

export type RunningServer = { baseURL: string; stop: () => Promise<void> };

/** Starts `src/main.ts` and resolves once GET /healthz answers. */
export async function startServer(env: NodeJS.ProcessEnv, logPath: string): Promise<RunningServer> {
  const baseURL = `http://127.0.0.1:${env.PORT}`;
  const child = tsx("src/main.ts", env, logPath);
  let exited: number | null | undefined;
  child.on("exit", (code) => {
    exited = code;
  });

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== undefined) {
      throw new Error(`The server exited (code ${exited}) before it was healthy. Log:\n${tail(logPath)}`);
    }
    try {
      const res = await fetch(`${baseURL}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server did not answer /healthz within 90 s. Log:\n${tail(logPath)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  const stop = async () => {
    if (exited !== undefined) return;
    const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await done;
    clearTimeout(timer);
  };
  return { baseURL, stop };
}
