import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// Mantine's class and keyframe names: the JavaScript names both (keyframes in transitions and the loader).
const MANTINE_NAME = /\bm_[0-9a-f]{8}\b/g;

/**
 * Which of @mantine/core's per-component stylesheets defines each class (for the error message).
 * @param {string} root the app's folder (it depends on @mantine/core; this package does not)
 */
function componentFiles(root) {
  /** @type {Map<string, string>} */
  const byClass = new Map();
  try {
    // The app's own node_modules (pnpm links its dependencies there).
    const dir = join(root, "node_modules", "@mantine", "core", "styles");
    for (const file of readdirSync(dir)) {
      if (!file.endsWith(".css") || file.endsWith(".layer.css")) continue;
      for (const m of readFileSync(join(dir, file), "utf8").matchAll(MANTINE_NAME))
        if (!byClass.has(m[0])) byClass.set(m[0], file);
    }
  } catch {
    // Only the message gets less precise.
  }
  return byClass;
}

/**
 * Vite plugin: fail the build when the JavaScript uses a Mantine class (`m_xxxxxxxx`, from a component's Styles
 * API) that no emitted stylesheet defines. The portals import Mantine's CSS per component (packages/ui/src/styles.css),
 * so a newly used component without its file would render unstyled; this turns that into a build error naming the
 * file to add.
 */
export function mantineCssCheck() {
  /** @type {string} */
  let root = process.cwd();
  return {
    name: "mm-mantine-css-check",
    apply: "build",
    // After Vite's own CSS plugin has emitted the stylesheets into the bundle.
    enforce: "post",
    /** @param {{ root: string }} config */
    configResolved(config) {
      root = config.root;
    },
    /**
     * @param {unknown} _options
     * @param {Record<string, { type: "chunk", code: string } | { type: "asset", fileName: string, source: string | Uint8Array }>} bundle
     */
    generateBundle(_options, bundle) {
      const used = new Set();
      const styled = new Set();
      for (const file of Object.values(bundle)) {
        if (file.type === "chunk") for (const m of file.code.matchAll(MANTINE_NAME)) used.add(m[0]);
        else if (file.fileName.endsWith(".css"))
          for (const m of String(
            typeof file.source === "string" ? file.source : Buffer.from(file.source),
          ).matchAll(MANTINE_NAME))
            styled.add(m[0]);
      }
      const missing = [...used].filter((c) => !styled.has(c));
      if (missing.length === 0) return;
      const byClass = componentFiles(root);
      const files = [...new Set(missing.map((c) => byClass.get(c) ?? `? (${c})`))].sort();
      this.error(
        `Mantine components are used without their styles: import ${files
          .map((f) => `@mantine/core/styles/${f}`)
          .join(", ")} in packages/ui/src/styles.css (in the order of @mantine/core/styles.css).`,
      );
    },
  };
}
