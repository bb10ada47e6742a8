import { TIMELINE_EVENT_TYPES } from "@mm/domain";
import { describe, expect, test } from "vitest";
import { AREAS_BY_TYPE } from "./live-refresh";

describe("live refresh", () => {
  test("every timeline event type says what it refreshes (the type makes a missing one a compile error)", () => {
    for (const type of TIMELINE_EVENT_TYPES) expect(AREAS_BY_TYPE[type].length).toBeGreaterThan(0);
    expect(Object.keys(AREAS_BY_TYPE).sort()).toEqual([...TIMELINE_EVENT_TYPES].sort());
  });
});
