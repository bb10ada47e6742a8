import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  expectedVersionField,
  freeText,
  idField,
  intInRange,
  numberInRange,
  optionalText,
  requiredText,
  textList,
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
});
