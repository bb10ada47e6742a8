// `pnpm lint`: every external dependency of every package.json comes from the pnpm catalog (pnpm-workspace.yaml
// `catalog:`), so the workspace has one version of each; sherif checks the rest of the manifests.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "../..");
const manifests = ["package.json"];
for (const group of ["apps", "packages", "tooling"]) {
  for (const name of readdirSync(join(root, group))) {
    try {
      readFileSync(join(root, group, name, "package.json"));
      manifests.push(join(group, name, "package.json"));
    } catch {}
  }
}

const problems = [];
for (const file of manifests) {
  const pkg = JSON.parse(readFileSync(join(root, file), "utf8"));
  for (const field of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dep, spec] of Object.entries(pkg[field] ?? {})) {
      if (!spec.startsWith("workspace:") && spec !== "catalog:")
        problems.push(`${file}: ${field}.${dep} is "${spec}"`);
    }
  }
}
if (problems.length > 0) {
  console.error(`Every dependency must say "catalog:" (add its version to pnpm-workspace.yaml's catalog):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
