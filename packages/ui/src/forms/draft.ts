/**
 * Drafts of long forms kept in the browser (localStorage), so a reload or a closed tab does not lose what a person
 * typed. They stay on this device only, under one prefix, and are cleared when sent and at sign-out.
 */

const PREFIX = "mm.draft.";
const VERSION = 1;

type Saved<T> = { v: number; savedAt: string; data: T };

export type DraftStore<T> = {
  load: () => { data: T; savedAt: string } | null;
  save: (data: T, now?: Date) => void;
  clear: () => void;
};

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // Storage can be refused (private windows, blocked cookies): then there is simply no draft.
    return null;
  }
}

/** A draft under `name` for one user (two people on one browser never see each other's). */
export function draftStore<T>(name: string, userId: string, storage = browserStorage()): DraftStore<T> {
  const key = `${PREFIX}${name}.${userId}`;
  return {
    load: () => {
      const raw = storage?.getItem(key);
      if (!raw) return null;
      try {
        const saved = JSON.parse(raw) as Saved<T>;
        if (saved.v !== VERSION || saved.data === undefined) return null;
        return { data: saved.data, savedAt: saved.savedAt };
      } catch {
        return null;
      }
    },
    save: (data, now = new Date()) => {
      try {
        storage?.setItem(
          key,
          JSON.stringify({ v: VERSION, savedAt: now.toISOString(), data } satisfies Saved<T>),
        );
      } catch {
        // Quota exceeded or storage refused: the form still works, only without a draft.
      }
    },
    clear: () => storage?.removeItem(key),
  };
}

/** Forgets every draft on this browser (at sign-out: a shared computer keeps nobody's health details). */
export function clearAllDrafts(storage = browserStorage()) {
  if (!storage) return;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}
