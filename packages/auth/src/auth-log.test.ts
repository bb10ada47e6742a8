import { describe, expect, it } from "vitest";
import { safeAuthMessage } from "./server";
import { invalidTextField } from "./text-input";

describe("better-auth log lines", () => {
  it("never pass on SQL, parameters or email addresses", () => {
    expect(safeAuthMessage('Failed query: insert into "user" ... params: pat@x.example')).toBe(
      "database error",
    );
    expect(safeAuthMessage("Sign-up attempt for existing email: pat@x.example")).toBe(
      "Sign-up attempt for existing email: [email]",
    );
    expect(safeAuthMessage("line one\nline two with stack")).toBe("line one");
    expect(safeAuthMessage({ not: "a string" })).toBe("better-auth error");
  });
});

describe("text sent to better-auth", () => {
  it("refuses NUL and lone surrogates anywhere, control characters in a name", () => {
    expect(invalidTextField("name", "Pat\u0000")).toMatch(/name/);
    expect(invalidTextField("email", "a\ud800@x.example")).toMatch(/email/);
    expect(invalidTextField("name", "\udc00x")).toMatch(/name/);
    expect(invalidTextField("name", "Pat\tMorgan")).toMatch(/name/);
    expect(invalidTextField("name", "Zoë 😀 Müller")).toBeNull();
    expect(invalidTextField("password", "tab\tis fine")).toBeNull();
    expect(invalidTextField("rememberMe", true)).toBeNull();
  });
});

describe("redirect targets sent to better-auth", () => {
  it("accept a path on this site or an absolute http(s) URL, nothing better-auth cannot build a URL from", () => {
    for (const ok of ["/patient/", "/physician/reset-password", "https://app.example/patient/"])
      expect(invalidTextField("callbackURL", ok), ok).toBeNull();
    for (const bad of ["abc", "//evil.example", "/\\evil", "javascript:alert(1)", "http://[bad", "/a\u0007b"])
      expect(invalidTextField("callbackURL", bad), bad).toMatch(/^callbackURL /);
    expect(invalidTextField("redirectTo", "reset")).toMatch(/^redirectTo must be a path/);
  });
});
