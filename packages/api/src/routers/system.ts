import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { publicProcedure, router } from "../trpc";

type SystemInfo = { version: string; build: string };

let info: SystemInfo | undefined;

/** What is running, read once: clients use it to notice a deploy. No health data, no per-user data. */
function systemInfo(): SystemInfo {
  if (info) return info;
  // The workspace's packages are versioned together (the server's version is this one); an inherited
  // npm_package_version would name whichever script started the process, so it is not used.
  const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
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
