import "../require-node";
import { bootstrap } from "../bootstrap";
import { loadEnv } from "../env";
import { DEMO_PASSWORD, DEMO_PATIENT, DEMO_PHYSICIANS, DEMO_THERAPISTS } from "./demo-accounts";
import { seedDemo } from "./seed-demo";

const env = loadEnv();
let app: Awaited<ReturnType<typeof bootstrap>>;
try {
  app = await bootstrap(env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
try {
  await seedDemo({ db: app.handle.db, auth: app.auth, notifier: app.handle.notifier }, new Date());
  const emails = [DEMO_PATIENT, DEMO_PHYSICIANS[0]!, DEMO_THERAPISTS[0]!].map(
    (a) => `  ${a.role.padEnd(10)} ${a.email}`,
  );
  console.warn(`Demo data ready. Sign in with password "${DEMO_PASSWORD}":\n${emails.join("\n")}`);
} finally {
  await app.handle.close();
}
