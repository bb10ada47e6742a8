import { Alert, type CSSVariablesResolver, createTheme } from "@mantine/core";

/**
 * Title colors of light alerts, dark enough for 4.5:1 on their tinted backgrounds (Mantine's defaults for
 * yellow, orange and red are below WCAG AA there).
 */
const ALERT_TEXT: Record<string, string> = {
  yellow: "#7a4100",
  orange: "#7a4100",
  red: "var(--mantine-color-red-9)",
  blue: "var(--mantine-color-blue-9)",
  green: "#1b5e2a",
  gray: "var(--mantine-color-gray-9)",
};

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
  // People who ask their system for less motion get dialogs and menus without animation (WCAG 2.3.3).
  respectReducedMotion: true,
  components: {
    Loader: { defaultProps: { type: "dots" } },
    // Links inside text must not rely on color alone (WCAG 1.4.1).
    Anchor: { defaultProps: { underline: "always" } },
    Alert: Alert.extend({
      vars: (_theme, props) => {
        const color = props.color ?? "blue";
        const text = ALERT_TEXT[color];
        if (!text || (props.variant ?? "light") !== "light") return { root: {} };
        return { root: { "--alert-color": text } };
      },
    }),
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
