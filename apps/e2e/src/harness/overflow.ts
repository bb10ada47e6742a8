import type { Page } from "playwright-core";

/** The narrowest phone the portals are checked at (the range is 320-390 px). */
const PHONE_WIDTH = 360;

const MEASURE = `new Promise((resolve) => {
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const root = document.scrollingElement || document.documentElement;
    const clientWidth = root.clientWidth;
    const culprits = [];
    for (const el of document.body.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= clientWidth + 1) continue;
      // The outermost offender only, not each of its children.
      const parent = el.parentElement && el.parentElement.getBoundingClientRect();
      if (parent && parent.right > clientWidth + 1) continue;
      const id = el.id ? "#" + el.id : "";
      const cls = typeof el.className === "string" && el.className ? "." + el.className.split(/\\s+/).slice(0, 2).join(".") : "";
      culprits.push(el.tagName.toLowerCase() + id + cls + " (right edge " + Math.round(box.right) + " px)");
      if (culprits.length >= 5) break;
    }
    resolve({ scrollWidth: root.scrollWidth, clientWidth, culprits });
  }));
})`;

/**
 * Fails when the page scrolls sideways at `width` px (default 360): `document.scrollingElement.scrollWidth` must
 * not exceed its `clientWidth`. The viewport is narrowed for the check and restored after, so a test goes on at
 * its own size. The message names the elements that stick out, to say what to fix.
 */
export async function expectNoHorizontalOverflow(
  page: Page,
  what: string,
  width = PHONE_WIDTH,
): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width, height: before?.height ?? 800 });
  try {
    // Two frames: media queries apply and the layout settles before measuring. (A string: this package has no
    // DOM types, the code runs in the page.)
    const result = (await page.evaluate(MEASURE)) as {
      scrollWidth: number;
      clientWidth: number;
      culprits: string[];
    };
    if (result.scrollWidth > result.clientWidth) {
      throw new Error(
        `${what} scrolls sideways at ${width} px (${page.url()}): content is ${result.scrollWidth} px wide in a ${result.clientWidth} px window.\nSticking out:\n  ${result.culprits.join("\n  ") || "(nothing measurable: check fixed or transformed elements)"}`,
      );
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
}
