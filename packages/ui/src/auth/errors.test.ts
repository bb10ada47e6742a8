import { describe, expect, test } from "vitest";
import { authErrorView } from "./errors";

describe("authErrorView", () => {
  test("maps better-auth errors to plain words and their field", () => {
    expect(authErrorView({ status: 422, code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL" })).toEqual({
      field: "email",
      message: "An account with this email already exists",
    });
    expect(authErrorView({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD" })).toEqual({
      message: "Email or password is incorrect",
    });
    expect(authErrorView({ status: 429, message: "Too many requests" })).toEqual({
      message: "Too many attempts, wait a minute",
    });
    expect(authErrorView({ status: 400, code: "PASSWORD_TOO_SHORT" }).field).toBe("password");
    expect(authErrorView({ status: 0 }).message).toMatch(/Could not reach the server/);
    expect(authErrorView({ status: 503 }).message).toMatch(/on our side/);
  });
});
