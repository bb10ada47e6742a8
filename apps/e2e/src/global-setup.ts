import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { findChromium, missingChromiumMessage } from "./harness/chromium";
import { freePort, runSeed, serverEnv, startServer } from "./harness/server";

declare module "vitest" {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:41234 (no trailing slash); "" when the suite is skipped. */
    baseURL: string;
    /** Chromium executable; "" when none was found (tests skip, outside CI only). */
    chromiumPath: string;
    /** Screenshots and the server log go here. */
    artifactsDir: string;
    /** Where the server writes its emails as .eml files (no SMTP_URL in e2e). */
    mailDir: string;
  }
}

const DEFAULT_ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));

/**
 * Builds nothing (turbo built the portals: `test:e2e` depends on `@mm/server#build`). Seeds a fresh temporary
 * DATA_DIR, starts the real server on a free port, and stops it when the run ends.
 */
export default async function setup(project: TestProject) {
  const artifactsDir = resolve(process.env.E2E_ARTIFACTS_DIR || DEFAULT_ARTIFACTS);
  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });
  project.provide("artifactsDir", artifactsDir);

  const chromiumPath = findChromium();
  if (!chromiumPath) {
    if (process.env.CI === "true" || process.env.CI === "1") {
      throw new Error(
        `No Chromium found and CI is set: failing instead of skipping.${missingChromiumMessage()}`,
      );
    }
    console.warn(missingChromiumMessage());
    project.provide("chromiumPath", "");
    project.provide("baseURL", "");
    project.provide("mailDir", "");
    return;
  }
  project.provide("chromiumPath", chromiumPath);

  const dataDir = mkdtempSync(join(tmpdir(), "mm-e2e-data-"));
  const logPath = join(artifactsDir, "server.log");
  const env = serverEnv({ port: await freePort(), dataDir });
  await runSeed(env, logPath);
  const server = await startServer(env, logPath);
  project.provide("baseURL", server.baseURL);
  project.provide("mailDir", join(dataDir, "mail"));
  console.warn(
    `e2e: server ${server.baseURL} (data ${dataDir}); screenshots and server log in ${artifactsDir}`,
  );

  return async () => {
    await server.stop();
    if (!process.env.E2E_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
    console.warn(`e2e: screenshots and server log in ${artifactsDir}`);
  };
}
