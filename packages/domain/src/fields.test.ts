import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  expectedVersionField,
  freeText,
  idField,
  intInRange,
  isoDateField,
  isoDateTimeField,
  numberInRange,
  optionalText,
  pageCursorField,
  requiredText,
  seqCursorField,
  textField,
  textList,
  textProblem,
  uniqueList,
} from "./fields";

const msg = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues[0]?.message;

describe("field builders", () => {
  it("idField names the field", () => {
    expect(idField("referralId").parse("6f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b")).toBe(
      "6f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b",
    );
    expect(msg(idField("referralId"), "42")).toBe("referralId must be a valid id");
  });
  it("expectedVersionField is optional and a whole number >= 0", () => {
    const s = expectedVersionField();
    expect(s.parse(undefined)).toBeUndefined();
    expect(s.parse(0)).toBe(0);
    expect(msg(s, -1)).toBe("expectedVersion must be 0 or more");
    expect(msg(s, 1.5)).toBe("expectedVersion must be a whole number");
  });
  it("requiredText trims and bounds", () => {
    const s = requiredText("Reason", 5);
    expect(s.parse("  ok  ")).toBe("ok");
    expect(msg(s, "   ")).toBe("Reason is required");
    expect(msg(s, undefined)).toBe("Reason is required");
    expect(msg(s, "toolong")).toBe("Reason must be at most 5 characters");
  });
  it("freeText defaults to empty, optionalText stays undefined", () => {
    expect(freeText("Notes", 3).parse(undefined)).toBe("");
    expect(msg(freeText("Notes", 3), "abcd")).toBe("Notes must be at most 3 characters");
    expect(optionalText("Note", 3).parse(undefined)).toBeUndefined();
    expect(msg(optionalText("Note", 3), "abcd")).toBe("Note must be at most 3 characters");
  });
  it("intInRange and numberInRange check type, integrality and bounds", () => {
    const i = intInRange("Pain now", 0, 10);
    expect(i.parse(0)).toBe(0);
    expect(i.parse(10)).toBe(10);
    expect(msg(i, 11)).toBe("Pain now must be between 0 and 10");
    expect(msg(i, -1)).toBe("Pain now must be between 0 and 10");
    expect(msg(i, 2.5)).toBe("Pain now must be a whole number");
    expect(msg(i, "3")).toBe("Pain now must be a number");
    const n = numberInRange("Sleep hours", 0, 24);
    expect(n.parse(6.5)).toBe(6.5);
    expect(msg(n, 24.5)).toBe("Sleep hours must be between 0 and 24");
    expect(msg(n, Number.NaN)).toBe("Sleep hours must be a number");
  });
  it("uniqueList bounds length and refuses duplicates", () => {
    const s = uniqueList(z.string(), "Body regions", 1, 2);
    expect(s.parse(["a", "b"])).toEqual(["a", "b"]);
    expect(msg(s, [])).toBe("Choose at least one body region");
    expect(msg(s, ["a", "b", "c"])).toBe("Choose at most 2 body regions");
    expect(msg(s, ["a", "a"])).toBe("Each body region may be listed only once");
  });
  it("textList bounds items and each entry", () => {
    const s = textList("Medications", 2, 4);
    expect(s.parse([" a ", "b"])).toEqual(["a", "b"]);
    expect(msg(s, ["a", "b", "c"])).toBe("At most 2 entries in medications");
    expect(msg(s, ["abcde"])).toBe("Each entry in medications must be at most 4 characters");
    expect(msg(s, [""])).toBe("Entries in medications cannot be empty");
  });
  it("textField refuses control characters and unpaired surrogates, naming the field", () => {
    const s = textField("Message");
    expect(s.parse("line one\n\tline two\r\n")).toBe("line one\n\tline two\r\n");
    expect(s.parse("emoji \u{1F600} and accents é")).toBe("emoji \u{1F600} and accents é");
    for (const bad of ["a\u0000b", "\u0007", "x\u001F", "del\u007F"])
      expect(msg(s, bad)).toBe("Message cannot contain control characters");
    for (const bad of ["\uD800", "a\uDC00", "\uDE00\uD83D", "\uD83D\uD83D"])
      expect(msg(s, bad)).toBe("Message contains a character that is not valid text");
    expect(textProblem("ok")).toBeNull();
  });
  it("every text builder is built on textField", () => {
    expect(msg(requiredText("Reason", 50), "no\u0000pe")).toBe("Reason cannot contain control characters");
    expect(msg(freeText("Notes", 50), "\uD800")).toBe("Notes contains a character that is not valid text");
    expect(msg(optionalText("Note", 50), "\u0000")).toBe("Note cannot contain control characters");
    expect(msg(textList("Medications", 2, 40), ["ok", "bad\u0000"])).toBe(
      "Each entry in medications cannot contain control characters",
    );
  });
  it("numbers stay within what their columns store", () => {
    const n = numberInRange("Sleep hours", 0, 24);
    expect(n.parse(0)).toBe(0);
    expect(msg(n, 5e-324)).toBe("Sleep hours is too small: use 0 or a larger value");
    expect(msg(n, 1e39)).toBe("Sleep hours must be between 0 and 24");
    expect(msg(n, Number.POSITIVE_INFINITY)).toBe("Sleep hours must be a number");
    expect(msg(expectedVersionField(), 2 ** 31)).toBe("expectedVersion is too large");
  });
  it("dates lie between 1900-01-01 and 2100-12-31", () => {
    const d = isoDateField();
    expect(d.parse("1900-01-01")).toBe("1900-01-01");
    expect(d.parse("2100-12-31")).toBe("2100-12-31");
    for (const bad of ["0000-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
      expect(msg(d, bad)).toBe("Use a date between 1900-01-01 and 2100-12-31");
    const t = isoDateTimeField("Use a date and time");
    expect(t.parse("2026-01-31T14:00:00-05:00")).toBe("2026-01-31T14:00:00-05:00");
    expect(msg(t, "0000-01-01T00:00:00Z")).toBe("Use a date between 1900-01-01 and 2100-12-31");
    // The far end too: 9999-12-31T23:59Z is day 10000-01-01 in a zone east of UTC (a fuzzed 500 once).
    expect(t.parse("2100-12-31T23:59:59Z")).toBe("2100-12-31T23:59:59Z");
    for (const bad of ["2101-01-01T00:00:00Z", "9999-12-31T23:59:59Z"])
      expect(msg(t, bad)).toBe("Use a date between 1900-01-01 and 2100-12-31");
  });
  it("cursors are checked for shape before they reach a query", () => {
    const seq = seqCursorField("cursor");
    expect(seq.parse("42")).toBe("42");
    for (const bad of ["-1", "1.5", "1e30", "abc", "9".repeat(16), ""])
      expect(msg(seq, bad)).toBe("cursor must be an event number");
    const page = pageCursorField();
    expect(page.parse("MjAyNi0wMS0wMVQwMDowMDowMC4wMDBafGFi")).toBeTruthy();
    expect(msg(page, "not base64url!")).toBe("This page link is no longer valid: reload the list");
  });
});
