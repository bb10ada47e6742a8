import {
  cancelSchema,
  coverageUpsertSchema,
  declineSchema,
  physicianProfileSchema,
  progressReportSchema,
} from "@mm/domain";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, test } from "vitest";
import { applyServerErrors, blankToUndefined, maxLengthOf, zodValidate } from "./validation";

function apiError(code: string, message: string, fieldErrors: Record<string, string> | null) {
  return TRPCClientError.from({
    error: { code: -32600, message, data: { code, httpStatus: 400, fieldErrors, rule: null } },
  });
}

function fakeForm<V>(values: V) {
  const errors: Record<string, unknown> = {};
  return { errors, getValues: () => values, setFieldError: (path: never, e: unknown) => (errors[path] = e) };
}

describe("applyServerErrors", () => {
  test("puts each server field error under its field", () => {
    const form = fakeForm({ npi: "1234567890", practice: "X", goals: [{ target: 3 }] });
    const message = applyServerErrors(
      form,
      apiError("BAD_REQUEST", "npi: wrong", { npi: "Check digit is wrong", "goals.0.target": "Too high" }),
    );
    expect(form.errors).toEqual({ npi: "Check digit is wrong", "goals.0.target": "Too high" });
    expect(message).toBe("Please correct the fields marked below.");
  });

  test("returns messages for paths the form does not have", () => {
    const form = fakeForm({ name: "A" });
    const message = applyServerErrors(
      form,
      apiError("BAD_REQUEST", "role: no", { role: "Wrong account kind" }),
    );
    expect(form.errors).toEqual({});
    expect(message).toBe("Wrong account kind");
  });

  test("returns the error message when there are no field errors", () => {
    const form = fakeForm({ name: "A" });
    expect(applyServerErrors(form, apiError("PRECONDITION_FAILED", "Not verified yet", null))).toBe(
      "Not verified yet",
    );
    expect(applyServerErrors(form, new Error("boom"))).toBe("boom");
  });
});

describe("zodValidate", () => {
  test("runs the domain schema on the converted input and keys errors by field", () => {
    const validate = zodValidate(physicianProfileSchema, (v: { npi: string; phone: string }) => ({
      role: "physician",
      name: "Dr. A",
      practice: "P",
      state: "CA",
      npi: v.npi,
      phone: blankToUndefined(v.phone),
    }));
    expect(validate({ npi: "1234567890", phone: "" })).toEqual({
      npi: "This NPI's check digit is wrong: please re-check the number",
    });
    expect(validate({ npi: "1234567893", phone: "  " })).toEqual({});
  });
});

describe("maxLengthOf", () => {
  test("reads the limit the server enforces, through optional and default", () => {
    expect(maxLengthOf(declineSchema, "reason")).toBe(2000);
    expect(maxLengthOf(cancelSchema, "reason")).toBe(2000);
    expect(maxLengthOf(progressReportSchema, "note")).toBeGreaterThan(0);
    expect(maxLengthOf(coverageUpsertSchema, "notes")).toBe(4000);
    expect(maxLengthOf(declineSchema, "referralId")).toBeNull();
  });
});
