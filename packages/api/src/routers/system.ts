import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { publicProcedure, router } from "../trpc";

export type SystemInfo = { version: string; build: string };

let info: SystemInfo | undefined;

/** What is running, read once: clients use it to notice a deploy. No health data, no per-user data. */
export function systemInfo(): SystemInfo {
  if (info) return info;
  // pnpm scripts export the started package's version; otherwise the workspace's own (one version for all).
  const version =
    process.env.npm_package_version ??
    (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string })
      .version;
  info = { version, build: process.env.BUILD_ID || gitCommit() || "unknown" };
  return info;
}

/** The checked-out commit when git is at hand (development, the demo); images set BUILD_ID instead. */
function gitCommit(): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "--short=12", "HEAD"], {
      cwd: new URL(".", import.meta.url),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 2000,
    }).trim();
  } catch {
    return undefined;
  }
}

export const systemRouter = router({
  info: publicProcedure.query(() => systemInfo()),
});
