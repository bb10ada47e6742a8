/** Button styles that let a long label wrap onto two lines on a phone instead of being cut off. */
export const WRAP_LABEL = {
  root: { height: "auto", minHeight: "var(--button-height)" },
  inner: { minHeight: "var(--button-height)", paddingBlock: 6 },
  label: { whiteSpace: "normal", textAlign: "center", lineHeight: 1.3, height: "auto" },
} as const;
