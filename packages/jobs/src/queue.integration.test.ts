import { createTestDb, type TestDb, testDbTargets } from "@mm/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgBoss, type QueueTarget, scheduleRecurring, startJobQueue } from "./queue";

describe.each(testDbTargets())("recurring jobs on %s", (target) => {
  let handle: TestDb;
  const bosses: PgBoss[] = [];
  beforeAll(async () => {
    handle = await createTestDb(target);
  });
  afterAll(async () => {
    for (const b of bosses) await b.stop({ graceful: false }).catch(() => {});
    await handle?.close();
  });

  const queueTarget = (): QueueTarget =>
    handle.kind === "pglite"
      ? { kind: "pglite", db: handle.db }
      : {
          kind: "postgres",
          connectionString: (handle.db as unknown as { $client: { options: { connectionString: string } } })
            .$client.options.connectionString,
        };

  it("two server instances starting together run the start-up job once", async () => {
    let runs = 0;
    const run = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 300));
      return runs;
    };
    // Two pg-boss instances on one database: what two server processes are.
    for (let i = 0; i < 2; i++) {
      const boss = await startJobQueue(queueTarget());
      bosses.push(boss);
      await scheduleRecurring(boss, "test-recurring", "0 * * * *", run, {
        runAtStart: true,
        pollingIntervalSeconds: 0.5,
      });
    }
    const deadline = Date.now() + 10_000;
    while (runs === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 2500));
    expect(runs).toBe(1);
    const jobs = await bosses[0]!.findJobs("test-recurring");
    expect(jobs.filter((j) => j.state === "completed")).toHaveLength(1);
  });
});
