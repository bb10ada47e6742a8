import { describe, expect, it } from "vitest";
import {
  ELIGIBILITY_REASON_LABELS,
  ELIGIBILITY_REASONS,
  type EligibilityInput,
  therapistEligibility,
} from "./eligibility";

const base: EligibilityInput = {
  therapist: {
    credentialKind: "license",
    credentialState: "OR",
    credentialExpiresOn: "2027-06-30",
    npi: "1234567893",
    payers: ["Blue Cross Blue Shield", "Aetna"],
    verifiedAt: new Date("2025-01-10T00:00:00Z"),
  },
  patientState: "OR",
  prescriptionExpiresOn: "2026-06-30",
  coverage: { requiresLicense: false, requiresNpi: true, requiresInNetwork: true, payerName: "Aetna" },
  today: "2026-02-01",
};

const withTherapist = (t: Partial<EligibilityInput["therapist"]>): EligibilityInput => ({
  ...base,
  therapist: { ...base.therapist, ...t },
});
const withCoverage = (c: EligibilityInput["coverage"]): EligibilityInput => ({ ...base, coverage: c });
const reasons = (input: EligibilityInput) => therapistEligibility(input).reasons;

describe("therapistEligibility", () => {
  it("a verified, licensed, in-state, in-network therapist with an NPI is eligible", () => {
    expect(therapistEligibility(base)).toEqual({ eligible: true, reasons: [] });
    expect(reasons(withTherapist({ credentialKind: "registration" }))).toEqual([]);
    expect(reasons(withTherapist({ verifiedAt: "2025-01-10T00:00:00Z" }))).toEqual([]);
  });

  it("uncredentialed: no credential or certification only", () => {
    for (const credentialKind of ["none", "certification", null] as const) {
      const r = therapistEligibility(withTherapist({ credentialKind }));
      expect(r).toEqual({ eligible: false, reasons: ["uncredentialed"] });
    }
    // A masseuse with no license has no state or expiry to check: only the one reason.
    expect(
      reasons(withTherapist({ credentialKind: "none", credentialState: null, credentialExpiresOn: null })),
    ).toEqual(["uncredentialed"]);
  });

  it("license_required: the insurer accepts only a license", () => {
    const input = {
      ...withTherapist({ credentialKind: "registration" }),
      coverage: { ...base.coverage, requiresLicense: true },
    };
    expect(reasons(input)).toEqual(["license_required"]);
    expect(reasons({ ...base, coverage: { ...base.coverage, requiresLicense: true } })).toEqual([]);
  });

  it("wrong_state: licensed elsewhere or no state on file; case and spaces do not matter", () => {
    expect(reasons(withTherapist({ credentialState: "WA" }))).toEqual(["wrong_state"]);
    expect(reasons(withTherapist({ credentialState: null }))).toEqual(["wrong_state"]);
    expect(reasons(withTherapist({ credentialState: " or " }))).toEqual([]);
  });

  it("patient_state_unknown when the patient has no state", () => {
    expect(reasons({ ...base, patientState: null })).toEqual(["patient_state_unknown"]);
  });

  it("license_expired when the expiry is before today or missing; valid through its expiry day", () => {
    expect(reasons(withTherapist({ credentialExpiresOn: "2026-01-31" }))).toEqual(["license_expired"]);
    expect(reasons(withTherapist({ credentialExpiresOn: null }))).toEqual(["license_expired"]);
    // Expires today: still valid today, but before the prescription ends.
    expect(reasons(withTherapist({ credentialExpiresOn: "2026-02-01" }))).toEqual([
      "license_expires_before_prescription_ends",
    ]);
  });

  it("license_expires_before_prescription_ends, with the prescription's last day as the boundary", () => {
    expect(reasons(withTherapist({ credentialExpiresOn: "2026-06-29" }))).toEqual([
      "license_expires_before_prescription_ends",
    ]);
    expect(reasons(withTherapist({ credentialExpiresOn: "2026-06-30" }))).toEqual([]);
    // No prescription yet: only today matters.
    expect(
      reasons({ ...withTherapist({ credentialExpiresOn: "2026-03-01" }), prescriptionExpiresOn: null }),
    ).toEqual([]);
  });

  it("not_verified when no operator verified the credential", () => {
    expect(therapistEligibility(withTherapist({ verifiedAt: null }))).toEqual({
      eligible: false,
      reasons: ["not_verified"],
    });
  });

  it("npi_required only when the insurer requires one", () => {
    expect(reasons(withTherapist({ npi: null }))).toEqual(["npi_required"]);
    expect(reasons(withTherapist({ npi: "  " }))).toEqual(["npi_required"]);
    expect(
      reasons({ ...withTherapist({ npi: null }), coverage: { ...base.coverage, requiresNpi: false } }),
    ).toEqual([]);
  });

  it("out_of_network compares payer names trimmed and case-insensitively", () => {
    expect(reasons(withCoverage({ ...base.coverage, payerName: "Cigna" }))).toEqual(["out_of_network"]);
    expect(reasons(withCoverage({ ...base.coverage, payerName: "  aetna " }))).toEqual([]);
    expect(reasons(withCoverage({ ...base.coverage, payerName: "blue cross  blue shield" }))).toEqual([]);
    expect(reasons(withCoverage({ ...base.coverage, payerName: null }))).toEqual(["out_of_network"]);
    expect(
      reasons(
        withCoverage({ ...base.coverage, payerName: "BCBS", inNetworkPayers: ["Blue Cross Blue Shield"] }),
      ),
    ).toEqual([]);
    expect(reasons(withCoverage({ ...base.coverage, payerName: "Cigna", requiresInNetwork: false }))).toEqual(
      [],
    );
    expect(reasons(withTherapist({ payers: [] }))).toEqual(["out_of_network"]);
  });

  it("without coverage on file, only the credential rules apply", () => {
    expect(reasons({ ...withTherapist({ npi: null, payers: [] }), coverage: null })).toEqual([]);
  });

  it("lists every reason that applies, in a stable order", () => {
    const r = therapistEligibility({
      ...base,
      therapist: {
        credentialKind: "registration",
        credentialState: "WA",
        credentialExpiresOn: "2025-12-31",
        npi: null,
        payers: ["Cigna"],
        verifiedAt: null,
      },
      coverage: { requiresLicense: true, requiresNpi: true, requiresInNetwork: true, payerName: "Aetna" },
    });
    expect(r).toEqual({
      eligible: false,
      reasons: [
        "license_required",
        "wrong_state",
        "license_expired",
        "not_verified",
        "npi_required",
        "out_of_network",
      ],
    });
    expect(
      reasons({
        ...withTherapist({ credentialKind: "none", verifiedAt: null, npi: null }),
      }),
    ).toEqual(["uncredentialed", "not_verified", "npi_required"]);
  });

  it("has a sentence for every reason", () => {
    for (const r of ELIGIBILITY_REASONS) expect(ELIGIBILITY_REASON_LABELS[r]).toMatch(/^[A-Z].*\.$/);
    // Each is a whole sentence with its subject (read alone in a list, "Is not licensed" says nothing of whom).
    for (const r of ELIGIBILITY_REASONS)
      expect(ELIGIBILITY_REASON_LABELS[r]).toMatch(
        /^(This therapist|The therapist's|Your insurer|Add your) /,
      );
  });
});
