import react from "@vitejs/plugin-react";
import postcssPresetMantine from "postcss-preset-mantine";
import { defineConfig } from "vite";
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
    plugins: [react(), precompress()],
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
    },
  });
}
