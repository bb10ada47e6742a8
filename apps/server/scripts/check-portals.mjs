// `build` of @mm/server: the server runs from TypeScript source (tsx), so its build is only a check that turbo
// built the three portals first (they are workspace dependencies, so `^build` builds them). Fails loudly if not.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const portals = ["@mm/patient", "@mm/physician", "@mm/therapist"];

const missing = [];
for (const pkg of portals) {
  let dir;
  try {
    dir = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    missing.push(`${pkg}: package not found (is it a dependency of @mm/server? run \`pnpm install\`)`);
    continue;
  }
  const index = join(dir, "dist", "index.html");
  if (!existsSync(index)) missing.push(`${pkg}: ${index} does not exist`);
}

if (missing.length > 0) {
  console.error(
    [
      "Portal builds are missing:",
      ...missing.map((m) => `  - ${m}`),
      "Build them with `pnpm build` from the repository root (turbo builds each portal before the server).",
    ].join("\n"),
  );
  process.exit(1);
}
console.warn(`Portals built: ${portals.join(", ")}`);
