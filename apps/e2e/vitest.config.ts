import { defineConfig } from "vitest/config";

/**
 * Browser journeys against the real built server. One server for the whole run (global setup), one Chromium per
 * test file, a fresh browser context (cookies) per test. Files run one after another: 2 cores, one server.
 */
export default defineConfig({
  test: {
    include: ["src/**/*.e2e.test.ts"],
    environment: "node",
    globalSetup: ["./src/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
    reporters: ["default"],
  },
});
