import { describe, expect, test } from "vitest";
import { envelopeOf } from "./use-referral-mutation";

describe("envelopeOf", () => {
  const referral = { id: "r1", status: "active", version: 7 };
  test("reads the mutation envelope and the bare triple older actions answer", () => {
    expect(envelopeOf({ referral, sessionNumber: 3 })).toEqual(referral);
    expect(envelopeOf({ ...referral, extra: true })).toEqual(referral);
  });
  test("anything else is not an envelope", () => {
    expect(envelopeOf(null)).toBeNull();
    expect(envelopeOf({ version: 2 })).toBeNull();
    expect(envelopeOf({ referral: { id: "r1", status: "active" } })).toBeNull();
  });
});
