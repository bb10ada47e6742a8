import { describe, expect, test } from "vitest";
import { asSentence, plural, withUnit } from "./format";

describe("withUnit", () => {
  test("singular for one, plural otherwise", () => {
    expect(withUnit(1, "doses/day")).toBe("1 dose/day");
    expect(withUnit(3, "doses/day")).toBe("3 doses/day");
    expect(withUnit(1, "hours")).toBe("1 hour");
    expect(withUnit(6.5, "hours")).toBe("6.5 hours");
    expect(withUnit(7, "/10")).toBe("7/10");
    expect(withUnit(4, "")).toBe("4");
  });
  test("plural", () => {
    expect(plural(1, "dose")).toBe("1 dose");
    expect(plural(2, "dose")).toBe("2 doses");
    expect(plural(0, "dose")).toBe("0 doses");
    expect(plural(1.5, "hour")).toBe("1.5 hours");
    expect(plural(1, "person", "people")).toBe("1 person");
    expect(withUnit(0, "doses/day")).toBe("0 doses/day");
    expect(withUnit(1.0, "sessions")).toBe("1 session");
  });
});

describe("asSentence", () => {
  test("no double full stop", () => {
    expect(asSentence("Fully booked, sorry.")).toBe("Fully booked, sorry.");
    expect(asSentence("Fully booked, sorry")).toBe("Fully booked, sorry.");
    expect(asSentence("Really?")).toBe("Really?");
    expect(asSentence(" (see notes.) ")).toBe("(see notes.)");
  });
});
