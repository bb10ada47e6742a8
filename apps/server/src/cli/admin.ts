import "../require-node";
import { listPendingClinicians, verifyClinician } from "@mm/api";
import { bootstrap } from "../bootstrap";
import { loadEnv } from "../env";

const USAGE = `Operator commands:
  pnpm admin list             clinicians waiting for credential verification
  pnpm admin verify <email>   mark a physician or therapist as verified`;

const [command, arg] = process.argv.slice(2);
if (command !== "list" && command !== "verify") {
  console.error(USAGE);
  process.exit(command ? 2 : 0);
}

const env = loadEnv();
let app: Awaited<ReturnType<typeof bootstrap>>;
try {
  app = await bootstrap(env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
let code = 0;
try {
  if (command === "list") {
    const pending = await listPendingClinicians(app.handle.db);
    if (pending.length === 0) console.warn("No clinicians are waiting for verification.");
    for (const p of pending) {
      console.warn(`${p.role.padEnd(10)} ${p.email.padEnd(36)} ${p.name.padEnd(28)} ${p.credential}`);
    }
  } else {
    if (!arg) throw new Error("verify needs an email: pnpm admin verify <email>");
    const result = await verifyClinician(app.handle.db, arg, new Date());
    console.warn(`Verified ${result.role} ${result.email}.`);
  }
} catch (error) {
  console.error((error as Error).message);
  code = 1;
} finally {
  await app.handle.close();
}
process.exit(code);
