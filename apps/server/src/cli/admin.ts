import "../require-node";
import { listPendingClinicians, queueTargetFor, verifyClinician } from "@mm/api";
import { listFailedEmails, listScheduledRuns, startJobQueue } from "@mm/jobs";
import { listMailbox } from "@mm/mail";
import { bootstrap } from "../bootstrap";
import { loadEnv, mailSettings } from "../env";

const USAGE = `Operator commands:
  pnpm admin list             clinicians waiting for credential verification
  pnpm admin verify <email>   mark a physician or therapist as verified
  pnpm admin mail             emails written to DATA_DIR/mail (the embedded default, no SMTP_URL)
  pnpm admin mail --failed    email deliveries that failed every retry
  pnpm admin jobs             recent runs of the scheduled jobs (expiry check, reminders)`;

const [command, arg] = process.argv.slice(2);
if (!["list", "verify", "mail", "jobs"].includes(command ?? "")) {
  console.error(USAGE);
  process.exit(command ? 2 : 0);
}

const env = loadEnv();

if (command === "mail" && arg !== "--failed") {
  // Reads files only: works while the server holds the embedded database.
  const mail = mailSettings(env);
  if (mail.smtpUrl) console.warn(`SMTP_URL is set: email goes to that server; files below are from before.`);
  const entries = listMailbox(mail.mailDir);
  if (entries.length === 0) console.warn(`No emails in ${mail.mailDir}.`);
  for (const m of entries)
    console.warn(`${m.date.padEnd(32)} ${m.to.padEnd(36)} ${m.subject}\n    ${m.file}`);
  process.exit(0);
}

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
  } else if (command === "verify") {
    if (!arg) throw new Error("verify needs an email: pnpm admin verify <email>");
    const result = await verifyClinician(app.handle.db, arg, new Date());
    console.warn(`Verified ${result.role} ${result.email}.`);
  } else if (command === "jobs") {
    const jobs = await startJobQueue(queueTargetFor(app.handle));
    try {
      const runs = await listScheduledRuns(jobs);
      if (runs.length === 0) console.warn("No scheduled job has run yet.");
      for (const r of runs) {
        const output = r.output ? JSON.stringify(r.output) : "";
        console.warn(
          `${r.createdOn.toISOString()}  ${r.queue.padEnd(18)} ${r.state.padEnd(10)} retries ${r.retryCount}  ${output}`,
        );
      }
    } finally {
      await jobs.stop({ graceful: false });
    }
  } else {
    const jobs = await startJobQueue(queueTargetFor(app.handle));
    try {
      const failed = await listFailedEmails(jobs);
      if (failed.length === 0) console.warn("No email delivery has failed every retry.");
      for (const f of failed) {
        console.warn(`${f.failedAt.toISOString()}  job ${f.jobId}  notification ${f.notificationId}`);
      }
    } finally {
      await jobs.stop({ graceful: false });
    }
  }
} catch (error) {
  console.error((error as Error).message);
  code = 1;
} finally {
  await app.handle.close();
}
process.exit(code);
