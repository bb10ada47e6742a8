// `pnpm --filter @mm/bench startup` (or `pnpm bench -- --only startup`): how long a newcomer waits (issue 16).
// (a) A fresh clone of this repository's HEAD in a temp dir runs the steps of `pnpm demo` (install from the store,
//     seed: migrations + demo data on embedded PGlite, `pnpm start`: turbo builds the three portals, the server
//     starts) until GET /healthz answers 200. (b) `pnpm start` again with nothing changed (turbo cache hit), to the
//     first 200. Each step is timed and printed beside its target; nothing is asserted.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The environment of a newcomer: embedded PGlite (no DATABASE_URL / DATA_DIR), no test or bench settings. */
function newcomerEnv(port?: number): NodeJS.ProcessEnv {
  const {
    DATABASE_URL: _u,
    DATABASE_DIRECT_URL: _d,
    DATA_DIR: _dir,
    BENCH_DATABASE_URL: _b,
    TEST_DATABASE_URL: _t,
    NODE_ENV: _n,
    PORT: _p,
    ...rest
  } = process.env;
  return port ? { ...rest, PORT: String(port), HOST: "127.0.0.1" } : rest;
}

/** Output lines with the second they arrived at, for the per-step breakdown. */
type Line = { at: number; text: string };

function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; lines: Line[]; done: Promise<number | null> } {
  const lines: Line[] = [];
  const t0 = performance.now();
  // Its own process group, so stopping `pnpm start` also stops the server under it.
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const collect = (d: Buffer) => {
    for (const text of d.toString().split("\n"))
      if (text.trim()) lines.push({ at: (performance.now() - t0) / 1000, text });
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, lines, done };
}

async function step(name: string, cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const t0 = performance.now();
  const r = run(cmd, args, cwd, env);
  const code = await r.done;
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`${name} exited with ${code}:\n${r.lines.map((l) => l.text).join("\n")}`);
  return { seconds, lines: r.lines };
}

/** `pnpm start` until /healthz answers 200; then stops it. Returns seconds to 200 and turbo's own build time. */
async function startToFirst200(cwd: string) {
  const port = await freePort();
  const t0 = performance.now();
  const r = run("pnpm", ["start"], cwd, newcomerEnv(port));
  const deadline = Date.now() + 600_000;
  let seconds: number | null = null;
  while (Date.now() < deadline && r.child.exitCode === null) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) {
        seconds = (performance.now() - t0) / 1000;
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  try {
    process.kill(-r.child.pid!, "SIGTERM");
  } catch {
    // already gone
  }
  await Promise.race([r.done, sleep(15_000)]);
  if (seconds === null)
    throw new Error(`pnpm start never answered 200:\n${r.lines.map((l) => l.text).join("\n")}`);
  // The end of turbo's run: its summary line ("Time: …") arrives once every build task is done or replayed.
  const turboDone = r.lines.find((l) => /^\s*Time:\s/.test(l.text))?.at ?? null;
  const cached = r.lines.find((l) => /^\s*Cached:\s/.test(l.text))?.text.trim() ?? "?";
  return { seconds, turboDone, cached };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "mm-startup-"));
  const clone = join(dir, "repo");
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO }).toString().trim();
    execFileSync("git", ["clone", "--quiet", "--no-hardlinks", REPO, clone]);
    const demo = JSON.parse(readFileSync(join(clone, "package.json"), "utf8")).scripts.demo as string;
    say(`Fresh clone of ${head} in ${clone}; \`pnpm demo\` is: ${demo}`);
    const env = newcomerEnv();
    const t0 = performance.now();
    const install = await step("install", "pnpm", ["install", "--frozen-lockfile"], clone, env);
    say(`  pnpm install --frozen-lockfile   ${install.seconds.toFixed(1)} s`);
    const seed = await step("seed", "pnpm", ["seed"], clone, env);
    say(`  pnpm seed (migrations + demo)    ${seed.seconds.toFixed(1)} s`);
    const first = await startToFirst200(clone);
    const total = (performance.now() - t0) / 1000;
    say(
      `  pnpm start to first 200          ${first.seconds.toFixed(1)} s (turbo done at ${first.turboDone?.toFixed(1) ?? "?"} s, ${first.cached})`,
    );
    say(
      `(a) first demo to serving: ${total.toFixed(1)} s (target <= 60 s: ${total <= 60 ? "met" : "not met"})`,
    );
    const again = await startToFirst200(clone);
    say(
      `(b) pnpm start, nothing changed: ${again.seconds.toFixed(1)} s to first 200 (turbo done at ${again.turboDone?.toFixed(1) ?? "?"} s, ${again.cached}; target <= 10 s: ${again.seconds <= 10 ? "met" : "not met"})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
