// `pnpm --filter @mm/bench bundle-size`: each portal's INITIAL JavaScript, gzipped, against the 200 KB target.
// Initial = what the browser must fetch before the first render: index.html's module script(s) and modulepreload
// links, plus every chunk those import statically (followed transitively). Lazy route chunks (dynamic import) are
// left out, which is the point of code-splitting. Needs a build first (`pnpm build`).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { say } from "./load";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const PORTALS = ["patient", "physician", "therapist"] as const;
const TARGET_KB = 200;
const KB = 1024;

/** Static `import ... from "./x.js"`, `import "./x.js"` and `export ... from "./x.js"`; never `import("./x.js")`. */
const STATIC_IMPORT = /(?:^|[;\n}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;

function staticImports(code: string): string[] {
  return [...code.matchAll(STATIC_IMPORT)].map((m) => m[1]!);
}

export function initialChunks(dist: string, base: string): { js: string[]; css: string[] } {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const toFile = (url: string) => {
    const path = url.startsWith(base) ? url.slice(base.length) : url.replace(/^\.?\//, "");
    return posix.normalize(path);
  };
  const entries = [
    ...[...html.matchAll(/<script\b[^>]*type="module"[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!),
  ].map(toFile);
  const css = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*\bhref="([^"]+)"/g)].map((m) =>
    toFile(m[1]!),
  );
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file), "utf8");
    for (const spec of staticImports(code)) {
      if (!spec.startsWith(".") && !spec.startsWith(base)) continue;
      queue.push(
        spec.startsWith(base) ? toFile(spec) : posix.normalize(posix.join(posix.dirname(file), spec)),
      );
    }
  }
  return { js: [...seen], css };
}

/** Strings that only server code carries: a chunk containing one means server code leaked into a portal. */
const SERVER_MARKERS = /drizzle-orm|pg_notify|@electric-sql\/pglite|node:crypto|pg-protocol|drizzleAdapter/;

function serverCodeIn(dist: string): string[] {
  const dir = join(dist, "assets");
  return readdirSync(dir).filter(
    (f) => f.endsWith(".js") && SERVER_MARKERS.test(readFileSync(join(dir, f), "utf8")),
  );
}

const gz = (file: string) => gzipSync(readFileSync(file)).length;
const kb = (bytes: number) => (bytes / KB).toFixed(1);

function main() {
  const rows: string[] = [
    `| portal | initial JS files | raw KB | gzipped KB | target | met | initial CSS gzipped KB | chunks with server code |`,
    "| --- | ---: | ---: | ---: | --- | --- | ---: | --- |",
  ];
  let missing = false;
  for (const portal of PORTALS) {
    const dist = join(REPO, "apps", portal, "dist");
    if (!existsSync(join(dist, "index.html"))) {
      console.error(`apps/${portal}/dist/index.html is missing: run \`pnpm build\` first`);
      missing = true;
      continue;
    }
    const { js, css } = initialChunks(dist, `/${portal}/`);
    const raw = js.reduce((a, f) => a + readFileSync(join(dist, f)).length, 0);
    const zipped = js.reduce((a, f) => a + gz(join(dist, f)), 0);
    const cssZipped = css.reduce((a, f) => a + gz(join(dist, f)), 0);
    rows.push(
      `| ${portal} | ${js.length} | ${kb(raw)} | ${kb(zipped)} | <= ${TARGET_KB} KB | ${zipped <= TARGET_KB * KB ? "met" : "not met"} | ${kb(cssZipped)} | ${serverCodeIn(dist).join(", ") || "none"} |`,
    );
    say(`${portal}: ${js.map((f) => `${f} (${kb(gz(join(dist, f)))} KB gz)`).join(", ")}`);
  }
  say("");
  say(rows.join("\n"));
  say("\nKB = 1,024 bytes; gzip at node:zlib's default level. Lazy route chunks are not counted.");
  if (missing) process.exitCode = 1;
}

main();
