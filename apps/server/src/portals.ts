import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { SignupRole } from "@mm/domain";

const require = createRequire(import.meta.url);

/** Built portal folders (each app's vite `dist/`), found through the workspace dependency, not a path guess. */
export function portalDistDirs(): Record<SignupRole, string> {
  const dist = (pkg: string) => join(dirname(require.resolve(`${pkg}/package.json`)), "dist");
  return { patient: dist("@mm/patient"), physician: dist("@mm/physician"), therapist: dist("@mm/therapist") };
}

export function missingPortalBuilds(dirs: Record<SignupRole, string>): SignupRole[] {
  return (Object.keys(dirs) as SignupRole[]).filter((role) => !existsSync(join(dirs[role], "index.html")));
}
