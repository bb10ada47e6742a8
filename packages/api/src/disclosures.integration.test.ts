import { auditLog } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  coverageInput,
  expectRefused,
  type Member,
  prescriptionInput,
  referralInput,
} from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";

describe.each(testDbTargets())(
  "audit of profile and insurance reads, and the accounting of disclosures on %s",
  (target) => {
    let api: TestApi;
    const p = {} as Record<"patient" | "other" | "physician", Member>;
    let referralId: string;

    beforeAll(async () => {
      api = await createTestApi(target);
      p.patient = await api.member(SAMPLE.patient("Dora Discloses"));
      p.other = await api.member(SAMPLE.patient("Otto Other"));
      p.physician = await api.member(SAMPLE.physician("Dr. Reader"));
      ({
        referral: { id: referralId },
      } = await p.patient.caller.referral.create(referralInput(p.physician.user.id)));
    });
    afterAll(async () => api?.close());

    const auditRowsOf = (actorId: string, action: string) =>
      api.db
        .select({ entity: auditLog.entity, entityId: auditLog.entityId })
        .from(auditLog)
        .where(and(eq(auditLog.actorId, actorId), eq(auditLog.action, action)));

    it("audits a patient's me.get and coverage.get (no health data in the row)", async () => {
      await p.patient.caller.me.get();
      await p.patient.caller.coverage.upsert(coverageInput());
      await p.patient.caller.coverage.get();
      // profile.update answers with the profile too, so that answer is audited as a read as well.
      const reads = await auditRowsOf(p.patient.user.id, "me.get");
      expect(reads.length).toBeGreaterThanOrEqual(2);
      for (const r of reads) expect(r).toEqual({ entity: "patient_profile", entityId: p.patient.user.id });
      expect(await auditRowsOf(p.physician.user.id, "me.get")).toEqual([]);
      const [read] = await auditRowsOf(p.patient.user.id, "coverage.get");
      expect(read?.entity).toBe("coverage");
      expect(read?.entityId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("lists who viewed or changed my record, newest first, in plain words, without my own actions", async () => {
      await p.physician.caller.referral.get({ id: referralId });
      await p.physician.caller.prescription.sign(prescriptionInput(referralId));
      const { items, nextCursor } = await p.patient.caller.audit.myRecord({});
      expect(nextCursor).toBeNull();
      expect(items.length).toBeGreaterThanOrEqual(2);
      expect(items.every((i) => i.who === "Dr. Reader" && i.roleLabel === "Physician")).toBe(true);
      expect(items[0]).toMatchObject({ what: "Signed your prescription", changed: true, referralId });
      expect(items.map((i) => i.what)).toContain("Viewed your referral");
      expect(items.find((i) => i.what === "Viewed your referral")?.changed).toBe(false);
      const ats = items.map((i) => i.at);
      expect([...ats].sort().reverse()).toEqual(ats);
      // Another patient's record, and other roles, show nothing of it.
      expect((await p.other.caller.audit.myRecord({})).items).toEqual([]);
      await expectRefused(p.physician.caller.audit.myRecord({}), "FORBIDDEN");
    });

    it("pages with a cursor, without gaps or repeats", async () => {
      for (let i = 0; i < 5; i++) await p.physician.caller.referral.get({ id: referralId });
      const pages = [await p.patient.caller.audit.myRecord({ limit: 3 })];
      while (pages.at(-1)!.nextCursor)
        pages.push(await p.patient.caller.audit.myRecord({ limit: 3, cursor: pages.at(-1)!.nextCursor! }));
      expect(pages.length).toBeGreaterThan(2);
      const items = pages.flatMap((pg) => pg.items);
      const ids = items.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      const total = await api.db.$count(auditLog, eq(auditLog.referralId, referralId));
      const own = await api.db.$count(
        auditLog,
        and(eq(auditLog.referralId, referralId), eq(auditLog.actorId, p.patient.user.id)),
      );
      expect(ids).toHaveLength(total - own);
      const ats = items.map((i) => i.at);
      expect([...ats].sort().reverse()).toEqual(ats);
    });
  },
);
