import { type CSSVariablesResolver, createTheme } from "@mantine/core";

/**
 * One theme for the three portals. Shades are picked for WCAG AA contrast on white: filled buttons and links use
 * shade 8 (white text passes 4.5:1), dimmed text is gray 7, error text red 9.
 */
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 4 },
  defaultRadius: "md",
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
  headings: { fontWeight: "700" },
  cursorType: "pointer",
  components: {
    Loader: { defaultProps: { type: "dots" } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
    "--mantine-color-placeholder": "var(--mantine-color-gray-6)",
  },
  dark: {},
});
