import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from "@mantine/core";

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter(Boolean);

/**
 * Whether every word typed starts a word of the label ("hip" finds "Pain in right hip", not "Whiplash";
 * "m54" finds "M54.5"). Substring search offers nonsense in a clinical code list.
 */
export function matchesWordStarts(label: string, search: string): boolean {
  const typed = words(search);
  if (typed.length === 0) return true;
  const own = words(label);
  return typed.every((t) => own.some((w) => w.startsWith(t)));
}

const isItem = (option: ComboboxParsedItem): option is ComboboxItem => "value" in option;

/** A Mantine `filter` for Select/MultiSelect that matches word starts (flat option lists). */
export const wordStartFilter: OptionsFilter = ({ options, search, limit }) =>
  options.filter((o) => isItem(o) && matchesWordStarts(o.label, search)).slice(0, limit);
