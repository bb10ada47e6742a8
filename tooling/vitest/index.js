import { defineConfig } from "vitest/config";

/**
 * Shared vitest preset: tests beside the code; `*.integration.test.ts` hit a real database.
 * Plain JS so vitest can load it from node_modules without a TS loader.
 * @param {{ testTimeout?: number }} [options]
 */
export function vitestPreset(options = {}) {
  return defineConfig({
    test: {
      include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
      environment: "node",
      testTimeout: options.testTimeout ?? 30_000,
      hookTimeout: 60_000,
      // Integration suites each own an in-memory PGlite; running files in parallel on 2 cores only thrashes.
      fileParallelism: false,
    },
  });
}
