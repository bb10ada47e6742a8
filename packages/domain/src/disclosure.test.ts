import { describe, expect, it } from "vitest";
import { disclosureChanged, disclosureLabel, myRecordSchema } from "./disclosure";

describe("accounting of disclosures", () => {
  it("names each audited action in plain words", () => {
    expect(disclosureLabel("referral.read")).toBe("Viewed your referral");
    expect(disclosureLabel("referral.signPrescription")).toBe("Signed your prescription");
    expect(disclosureLabel("something.new")).toBe("Accessed your record");
  });
  it("tells reads from changes", () => {
    expect(disclosureChanged("plan.read")).toBe(false);
    expect(disclosureChanged("timeline.subscribe")).toBe(false);
    expect(disclosureChanged("plan.update")).toBe(true);
    expect(disclosureChanged("referral.logSession")).toBe(true);
    // The session record: an addendum and a missed visit change it; listing missed visits only reads it.
    expect(disclosureChanged("session.amend")).toBe(true);
    expect(disclosureChanged("referral.recordMissedVisit")).toBe(true);
    expect(disclosureChanged("missed_visit.list")).toBe(false);
    expect(disclosureLabel("session.amend")).toBe("Added an addendum to a treatment session note");
  });
  it("counts downloads and exports of documents as reads, signing and attaching as changes", () => {
    for (const read of [
      "document.prescription_pdf",
      "document.letter_pdf",
      "document.superbill_pdf",
      "document.record_zip",
      "fhir.referral",
      "fhir.patient_everything",
      "file.view",
      "file.list",
      "letter.draft",
      "letter.list",
    ]) {
      expect(disclosureChanged(read), read).toBe(false);
      expect(disclosureLabel(read), read).not.toBe("Accessed your record");
    }
    expect(disclosureChanged("letter.sign")).toBe(true);
    expect(disclosureChanged("file.upload")).toBe(true);
    expect(disclosureLabel("document.record_zip")).toBe("Downloaded your whole record");
  });
  it("takes an optional cursor", () => {
    expect(myRecordSchema.parse(undefined)).toEqual({ limit: 50 });
    expect(myRecordSchema.parse({})).toEqual({ limit: 50 });
    expect(myRecordSchema.safeParse({ cursor: "a\u0000" }).success).toBe(false);
  });
});
