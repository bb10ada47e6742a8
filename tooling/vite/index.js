import react from "@vitejs/plugin-react";
import postcssPresetMantine from "postcss-preset-mantine";
import { defineConfig } from "vite";
import { mantineCssCheck } from "./mantine-css-check.js";
import { precompress } from "./precompress.js";

/**
 * Shared Vite config for a portal served by the API server under `/<role>/`. In development the Vite dev server
 * proxies /api and /trpc to the API server so the session cookie stays first-party.
 * @param {{ role: "patient" | "physician" | "therapist", port: number }} options
 */
export function portalViteConfig({ role, port }) {
  const api = process.env.API_ORIGIN ?? "http://localhost:3000";
  return defineConfig({
    base: `/${role}/`,
    plugins: [react(), mantineCssCheck(), precompress()],
    css: { postcss: { plugins: [postcssPresetMantine()] } },
    server: {
      port,
      strictPort: true,
      proxy: { "/api": api, "/trpc": api, "/documents": api, "/files": api, "/fhir": api },
    },
    build: {
      outDir: "dist",
      emptyOutDir: true,
      sourcemap: false,
      reportCompressedSize: true,
      chunkSizeWarningLimit: 800,
      rolldownOptions: {
        // zod schemas are built at module top level (`const x = z.object(...)`); zod's classic API carries no
        // pure annotations, so without this every schema of a module that is imported at all stays in the bundle.
        // Building a schema has no side effect (none is registered: no .meta/.register in the code).
        treeshake: { manualPureFunctions: ["z"] },
        // Everything the first screen needs in one file instead of a dozen small shared chunks (each a request
        // with its own headers, compressed apart); pages keep loading on demand.
        output: {
          codeSplitting: {
            groups: [
              { name: "shell", tags: ["$initial"] },
              { name: "floating-ui", test: /node_modules[\\/]@floating-ui[\\/]/ },
            ],
          },
        },
      },
    },
  });
}
