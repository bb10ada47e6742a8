import { List } from "@mantine/core";
import type { ReactNode } from "react";
import "./referral.css";

export type Fact = { label: string; value: ReactNode };

/** Label/value pairs as a real description list, so screen readers pair each value with its label. */
export function FactList({ facts, "aria-label": ariaLabel }: { facts: Fact[]; "aria-label"?: string }) {
  return (
    <dl className="mm-facts" aria-label={ariaLabel}>
      {facts.map((fact) => (
        <div key={fact.label}>
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A short list inside a fact; "None" when empty so an empty answer is visibly an answer. */
export function FactItems({ items, empty = "None" }: { items: readonly ReactNode[]; empty?: string }) {
  if (items.length === 0) return <>{empty}</>;
  if (items.length === 1) return <>{items[0]}</>;
  return (
    <List spacing={2}>
      {items.map((item, i) => (
        // Lists of free text may repeat an entry; the position is the only stable identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <List.Item key={i}>{item}</List.Item>
      ))}
    </List>
  );
}

/** Text a person typed: plain text (React escapes it), line breaks kept. */
export function UserText({ children }: { children: string }) {
  return <span className="mm-user-text">{children}</span>;
}
