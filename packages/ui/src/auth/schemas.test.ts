import { describe, expect, it } from "vitest";
import { changePasswordSchema, signInSchema, signUpSchema, totpCodeSchema } from "./schemas";

/** What the form shows: field path -> message, via the Standard Schema interface Mantine's form reads. */
function errors(schema: { "~standard": { validate: (v: unknown) => unknown } }, value: unknown) {
  const result = schema["~standard"].validate(value) as {
    issues?: { path?: PropertyKey[]; message: string }[];
  };
  return Object.fromEntries((result.issues ?? []).map((i) => [(i.path ?? []).join("."), i.message]));
}

describe("auth form schemas (zod/mini)", () => {
  it("names the field and the rule on sign-in", () => {
    expect(errors(signInSchema, { email: "  ", password: "" })).toEqual({
      email: "Email is required",
      password: "Password is required",
    });
    expect(errors(signInSchema, { email: "not-an-email", password: "x" })).toEqual({
      email: "Enter a valid email address",
    });
    expect(errors(signInSchema, { email: " ana@example.com ", password: "x" })).toEqual({});
  });

  it("checks the password length and that both passwords match on sign-up", () => {
    const base = { name: "Ana", email: "ana@example.com" };
    expect(errors(signUpSchema, { ...base, password: "short", confirmPassword: "short" })).toEqual({
      password: "Password must be at least 10 characters",
    });
    expect(
      errors(signUpSchema, { ...base, password: "long enough 1", confirmPassword: "long enough 2" }),
    ).toEqual({ confirmPassword: "The two passwords do not match" });
    expect(
      errors(signUpSchema, {
        ...base,
        name: " ",
        password: "long enough 1",
        confirmPassword: "long enough 1",
      }),
    ).toEqual({ name: "Name is required" });
  });

  it("accepts only a 6-digit code and matching new passwords", () => {
    expect(errors(totpCodeSchema, { code: "12345" })).toEqual({
      code: "Enter the 6-digit code from your authenticator app",
    });
    expect(errors(totpCodeSchema, { code: " 123456 " })).toEqual({});
    expect(
      errors(changePasswordSchema, { currentPassword: "", password: "long enough 1", confirmPassword: "x" }),
    ).toEqual({
      currentPassword: "Current password is required",
      confirmPassword: "The two passwords do not match",
    });
  });
});
