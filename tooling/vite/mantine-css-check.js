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

// The screens a first visit shows (sign-in, a portal's home): they get only the entry's stylesheet.
const FIRST_SCREEN = /[\\/](?:auth[\\/]pages|pages[\\/]home-page)\.tsx$/;

/** @param {string} code */
const namesIn = (code) => [...code.matchAll(MANTINE_NAME)].map((m) => m[0]);

/**
 * Vite plugin: fail the build when a screen uses a Mantine class or keyframe (`m_xxxxxxxx`, from a component's
 * Styles API) that its stylesheets do not define. The portals import Mantine's CSS per component: the first
 * screens' components with the entry (packages/ui/src/styles.css), the others with the routes past them
 * (page-styles.css). So: every name the JavaScript uses must be in some emitted stylesheet, and every name the
 * entry, sign-in or home code uses must be in the stylesheets those load themselves. A component without its file
 * would render unstyled; this turns it into a build error naming the file to add.
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
     * @param {Record<string, any>} bundle Rolldown's output bundle (chunks and assets)
     */
    generateBundle(_options, bundle) {
      const files = Object.values(bundle);
      const chunks = new Map(files.filter((f) => f.type === "chunk").map((c) => [c.fileName, c]));
      /** @type {Map<string, Set<string>>} */
      const cssNames = new Map();
      for (const f of files)
        if (f.type === "asset" && f.fileName.endsWith(".css"))
          cssNames.set(f.fileName, new Set(namesIn(String(f.source))));

      /** Names used by the chunks statically loaded from `starts`, and the names their stylesheets define. */
      const closure = (/** @type {any[]} */ starts) => {
        const seen = new Set();
        const queue = [...starts];
        const used = new Set();
        const styled = new Set();
        while (queue.length > 0) {
          const chunk = queue.pop();
          if (!chunk || seen.has(chunk.fileName)) continue;
          seen.add(chunk.fileName);
          for (const n of namesIn(chunk.code)) used.add(n);
          for (const css of chunk.viteMetadata?.importedCss ?? [])
            for (const n of cssNames.get(css) ?? []) styled.add(n);
          for (const i of chunk.imports) queue.push(chunks.get(i));
        }
        return { used, styled };
      };

      const problems = [];
      const everywhere = new Set([...cssNames.values()].flatMap((s) => [...s]));
      const all = closure([...chunks.values()]);
      const missing = [...all.used].filter((n) => !everywhere.has(n));
      if (missing.length > 0) problems.push({ where: "any stylesheet", missing });
      const entries = [...chunks.values()].filter((c) => c.isEntry);
      for (const screen of [...chunks.values()].filter((c) => FIRST_SCREEN.test(c.facadeModuleId ?? ""))) {
        const first = closure([...entries, screen]);
        const gaps = [...first.used].filter((n) => !first.styled.has(n) && everywhere.has(n));
        if (gaps.length > 0)
          problems.push({
            where: `packages/ui/src/styles.css (${screen.facadeModuleId} is a first screen)`,
            missing: gaps,
          });
      }
      if (problems.length === 0) return;
      const byClass = componentFiles(root);
      this.error(
        problems
          .map(
            ({ where, missing }) =>
              `Mantine components are used without their styles: import ${[
                ...new Set(missing.map((c) => byClass.get(c) ?? `? (${c})`)),
              ]
                .sort()
                .map((f) => `@mantine/core/styles/${f}`)
                .join(", ")} in ${where}, in the order of @mantine/core/styles.css.`,
          )
          .join("\n"),
      );
    },
  };
}
