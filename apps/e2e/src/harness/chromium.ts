import { existsSync } from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

/** Debian's Chromium (never a downloaded browser): CHROMIUM_PATH when set, else the usual Debian paths. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Flags for Chromium as root in a sandboxed container (STACK.md). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function missingChromiumMessage(env: NodeJS.ProcessEnv = process.env): string {
  const bar = "#".repeat(78);
  return [
    "",
    bar,
    "#  E2E TESTS SKIPPED: no Chromium found.",
    env.CHROMIUM_PATH
      ? `#  CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but nothing is there.`
      : `#  Looked for: ${CANDIDATES.join(", ")} (or set CHROMIUM_PATH).`,
    "#  Install Debian's Chromium, then run the suite again:",
    "#",
    "#      sudo apt-get update && sudo apt-get install -y chromium",
    "#",
    "#  Under CI=true a missing browser fails the run instead of skipping it.",
    bar,
    "",
  ].join("\n");
}
