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
    // The layout needs a moment after a resize (media queries, the navigation drawer's slide): measure until it
    // fits, for up to 2 s. A real overflow stays, and is reported with its last measurement.
    type Measure = { scrollWidth: number; clientWidth: number; culprits: string[] };
    let result = (await page.evaluate(MEASURE)) as Measure;
    for (let i = 0; i < 10 && result.scrollWidth > result.clientWidth; i += 1) {
      await page.waitForTimeout(200);
      result = (await page.evaluate(MEASURE)) as Measure;
    }
    if (result.scrollWidth > result.clientWidth) {
      throw new Error(
        `${what} scrolls sideways at ${width} px (${page.url()}): content is ${result.scrollWidth} px wide in a ${result.clientWidth} px window.\nSticking out:\n  ${result.culprits.join("\n  ") || "(nothing measurable: check fixed or transformed elements)"}`,
      );
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
}
