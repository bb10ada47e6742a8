import { queryRows } from "@mm/db";
import { createTestDb, type TestDb, testDbTargets } from "@mm/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarYearOf, calendarYearSql } from "./visits";

/** The insurer's visit year is decided twice (domain for services, SQL for one-statement reads): they must agree. */
describe.each(testDbTargets())("calendar year of a visit on %s", (target) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb(target);
  }, 120_000);
  afterAll(async () => handle?.close());

  const zones = ["UTC", "America/New_York", "America/Los_Angeles", "Pacific/Kiritimati", "Europe/London"];
  const instants = [
    "2026-12-31T23:30:00Z", // already next year east of UTC
    "2027-01-01T04:59:59Z", // still 2026 in New York
    "2027-01-01T05:00:00Z", // 2027 in New York
    "2026-03-08T07:30:00Z", // US spring-forward morning
    "2026-11-01T06:30:00Z", // US fall-back morning
    "2026-06-15T12:00:00Z",
  ];

  it("SQL and the domain give the same [start, end) for every zone and instant", async () => {
    for (const zone of zones)
      for (const at of instants) {
        const year = calendarYearSql(sql`${at}::timestamptz`, sql`${zone}::text`);
        const [row] = await queryRows<{ start: string; end: string }>(
          handle.db,
          sql`select to_char(${year.start} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "start",
                     to_char(${year.end} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "end"`,
        );
        const expected = calendarYearOf(new Date(at), zone);
        expect({ zone, at, ...row }).toEqual({
          zone,
          at,
          start: expected.start.toISOString().replace(".000", ""),
          end: expected.end.toISOString().replace(".000", ""),
        });
      }
  });
});
