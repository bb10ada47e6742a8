import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { assertUploadable, MAX_UPLOAD_BYTES, uploadDisplayName } from "./upload";

const ruleOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? `${e.rule}: ${e.message}` : "other";
  }
  return null;
};

describe("uploads", () => {
  it("accepts PDF, JPEG, PNG and HEIC by detected type, within the size limit", () => {
    for (const t of ["application/pdf", "image/jpeg", "image/png", "image/heic"]) {
      expect(assertUploadable(1000, t)).toBe(t);
    }
    expect(ruleOf(() => assertUploadable(1000, undefined))).toBe(
      "file: Upload a PDF, JPEG, PNG or HEIC file",
    );
    expect(ruleOf(() => assertUploadable(1000, "text/html"))).toMatch(/^file:/);
    expect(ruleOf(() => assertUploadable(MAX_UPLOAD_BYTES + 1, "image/png"))).toMatch(/^file: .*10 MB/);
    expect(ruleOf(() => assertUploadable(0, "image/png"))).toBe("file: The file is empty");
  });

  it("names the file safely with the detected extension", () => {
    expect(uploadDisplayName("C:\\\\fakepath\\\\Insurance card.png.exe", "image/png")).toBe(
      "Insurance card.png.png",
    );
    expect(uploadDisplayName("../../etc/passwd", "application/pdf")).toBe("passwd.pdf");
    expect(uploadDisplayName('x"\r\nSet-Cookie: a=b.pdf', "application/pdf")).toBe("xSet-Cookie ab.pdf");
    expect(uploadDisplayName("Überweisung.jpeg", "image/jpeg")).toBe("Uberweisung.jpg");
    expect(uploadDisplayName("", "image/heic")).toBe("file.heic");
  });
});
