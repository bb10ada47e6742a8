import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from "@mantine/core";
import { matchesWordStarts } from "@mm/domain";

const isItem = (option: ComboboxParsedItem): option is ComboboxItem => "value" in option;

/** A Mantine `filter` for Select/MultiSelect that matches word starts (flat option lists). */
export const wordStartFilter: OptionsFilter = ({ options, search, limit }) =>
  options.filter((o) => isItem(o) && matchesWordStarts(o.label, search)).slice(0, limit);
