import { describe, expect, test } from "vitest";
import { clearAllDrafts, draftStore } from "./draft";

/** A Storage over a Map (the Web Storage interface; vitest runs in Node, which has no localStorage here). */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe("draftStore", () => {
  test("keeps what was typed across a reload, per user, until cleared", () => {
    const storage = memoryStorage();
    const a = draftStore<{ text: string }>("request", "user-a", storage);
    a.save({ text: "my back hurts" }, new Date("2026-03-01T10:00:00Z"));
    const again = draftStore<{ text: string }>("request", "user-a", storage).load();
    expect(again).toEqual({ data: { text: "my back hurts" }, savedAt: "2026-03-01T10:00:00.000Z" });
    expect(draftStore("request", "user-b", storage).load()).toBeNull();
    a.clear();
    expect(a.load()).toBeNull();
  });

  test("ignores unreadable drafts and clears every draft at sign-out", () => {
    const storage = memoryStorage();
    storage.setItem("mm.draft.request.user-a", "{not json");
    storage.setItem("other", "kept");
    expect(draftStore("request", "user-a", storage).load()).toBeNull();
    draftStore("request", "user-b", storage).save({ x: 1 });
    clearAllDrafts(storage);
    expect(storage.length).toBe(1);
    expect(storage.getItem("other")).toBe("kept");
  });

  test("works without storage", () => {
    const none = draftStore("request", "u", null);
    none.save({ x: 1 });
    expect(none.load()).toBeNull();
  });
});
