// The "portal delivery" section of `pnpm bench`: what a browser actually receives for each portal's sign-in page
// and signed-in home, measured in Debian Chromium (playwright-core) against the running server. Bytes are the
// browser's own count of what came over the socket (Chrome DevTools Protocol `encodedDataLength`: compressed
// bodies and headers, every asset, API call and stream the page made until the network went quiet); time is from
// navigation start to the page's <h1> being in the document. First visit = empty cache; repeat = the same browser
// profile loading the page again (hashed assets come from its cache, index.html is revalidated).
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

const PORTALS = ["patient", "physician", "therapist"] as const;
type Portal = (typeof PORTALS)[number];
const TARGET_KB = 200;
const KB = 1024;
const RUNS = 3;
/** The network counts as quiet after this long without a request starting or finishing. */
const QUIET_MS = 700;

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
    (p) => p && existsSync(p),
  );
  if (!found)
    throw new Error(
      "portal delivery needs Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH",
    );
  return found;
}

type Load = {
  wireBytes: number;
  assetWireBytes: number;
  bodyBytes: number;
  requests: number;
  headingMs: number;
  /** The three largest responses (path, bytes over the wire): where the bytes go. */
  largest: { path: string; bytes: number }[];
};

export type DeliveryRow = {
  portal: Portal;
  page: "sign-in" | "home";
  first: Load;
  repeat: Load;
};

/**
 * Records, in the page, when an <h1> matching the pattern first appears (performance.now(), ms since navigation).
 * A string, not a function: tsx's transform would add helpers to a function that do not exist in the page.
 */
function headingProbe(pattern: RegExp) {
  return `(() => {
    const pattern = new RegExp(${JSON.stringify(pattern.source)});
    const check = () => {
      if (window.__headingAt !== undefined) return;
      for (const h of document.querySelectorAll("h1"))
        if (pattern.test(h.textContent || "")) window.__headingAt = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
  })();`;
}

/** One navigation: bytes per request from the DevTools protocol, until the heading is shown and the network is quiet. */
async function load(page: Page, url: string): Promise<Load> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const finished = new Map<string, number>();
  const streamed = new Map<string, number>();
  const decoded = new Map<string, number>();
  const assets = new Set<string>();
  const paths = new Map<string, string>();
  let lastActivity = performance.now();
  cdp.on("Network.requestWillBeSent", (e) => {
    lastActivity = performance.now();
    if (/\/assets\//.test(e.request.url)) assets.add(e.requestId);
    paths.set(e.requestId, new URL(e.request.url).pathname);
  });
  cdp.on("Network.dataReceived", (e) => {
    streamed.set(e.requestId, (streamed.get(e.requestId) ?? 0) + e.encodedDataLength);
    decoded.set(e.requestId, (decoded.get(e.requestId) ?? 0) + e.dataLength);
  });
  cdp.on("Network.loadingFinished", (e) => {
    lastActivity = performance.now();
    finished.set(e.requestId, e.encodedDataLength);
  });
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(
    () => (window as unknown as { __headingAt?: number }).__headingAt !== undefined,
    null,
    {
      timeout: 30_000,
    },
  );
  const headingMs = await page.evaluate(() => (window as unknown as { __headingAt: number }).__headingAt);
  const deadline = performance.now() + 15_000;
  while (performance.now() - lastActivity < QUIET_MS && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  await cdp.detach();
  const ids = new Set([...finished.keys(), ...streamed.keys()]);
  const wire = (id: string) => finished.get(id) ?? streamed.get(id) ?? 0;
  let wireBytes = 0;
  let assetWireBytes = 0;
  for (const id of ids) {
    wireBytes += wire(id);
    if (assets.has(id)) assetWireBytes += wire(id);
  }
  const bodyBytes = [...decoded.values()].reduce((a, b) => a + b, 0);
  const largest = [...ids]
    .map((id) => ({ path: paths.get(id) ?? "?", bytes: wire(id) }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3);
  return { wireBytes, assetWireBytes, bodyBytes, requests: ids.size, headingMs, largest };
}

async function signInCookie(base: string, email: string, password: string) {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in for ${email} failed: ${res.status}`);
  return res.headers.getSetCookie().map((c) => {
    const [pair] = c.split(";");
    const at = pair!.indexOf("=");
    return { name: pair!.slice(0, at), value: pair!.slice(at + 1), url: base };
  });
}

/** First and repeat visit of one page in a fresh browser profile. */
async function visit(
  browser: Browser,
  url: string,
  heading: RegExp,
  cookies: { name: string; value: string; url: string }[] = [],
) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "en-US" });
  try {
    if (cookies.length) await context.addCookies(cookies);
    await context.addInitScript({ content: headingProbe(heading) });
    const page = await context.newPage();
    const first = await load(page, url);
    const repeat = await load(page, url);
    return { first, repeat };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function medianLoad(loads: Load[]): Load {
  return {
    wireBytes: median(loads.map((l) => l.wireBytes)),
    assetWireBytes: median(loads.map((l) => l.assetWireBytes)),
    bodyBytes: median(loads.map((l) => l.bodyBytes)),
    requests: median(loads.map((l) => l.requests)),
    headingMs: median(loads.map((l) => l.headingMs)),
    largest: loads[0]?.largest ?? [],
  };
}

/** Each portal's sign-in page (signed out) and home (signed in as `users[portal]`), RUNS times each, medians. */
export async function measurePortalDelivery(
  base: string,
  users: Record<Portal, string>,
  password: string,
  say: (line: string) => void,
): Promise<DeliveryRow[]> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const rows: DeliveryRow[] = [];
  try {
    for (const portal of PORTALS) {
      const pages = [
        { page: "sign-in" as const, url: `${base}/${portal}/sign-in`, heading: /^Sign in$/, signedIn: false },
        { page: "home" as const, url: `${base}/${portal}/`, heading: /^Welcome/, signedIn: true },
      ];
      for (const p of pages) {
        const runs: { first: Load; repeat: Load }[] = [];
        for (let i = 0; i < RUNS; i++) {
          const cookies = p.signedIn ? await signInCookie(base, users[portal], password) : [];
          runs.push(await visit(browser, p.url, p.heading, cookies));
        }
        const row = {
          portal,
          page: p.page,
          first: medianLoad(runs.map((r) => r.first)),
          repeat: medianLoad(runs.map((r) => r.repeat)),
        };
        rows.push(row);
        say(
          `  ${`${portal} ${p.page}`.padEnd(20)} first visit ${kb(row.first.wireBytes).padStart(6)} KB over the wire (${row.first.requests} requests), heading at ${row.first.headingMs.toFixed(0)} ms; repeat ${kb(row.repeat.wireBytes)} KB, ${row.repeat.headingMs.toFixed(0)} ms; largest: ${row.first.largest.map((l) => `${l.path.split("/").at(-1)} ${kb(l.bytes)} KB`).join(", ")}`,
        );
      }
    }
  } finally {
    await browser.close();
  }
  return rows;
}

const kb = (bytes: number) => (bytes / KB).toFixed(1);

export function portalDeliveryTable(rows: DeliveryRow[]): string {
  const lines = [
    "| portal | page | requests | over the wire KB (all) | of which /assets/ KB | uncompressed KB | heading at ms | target | met | repeat visit KB | repeat heading ms |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |",
  ];
  for (const r of rows)
    lines.push(
      `| ${r.portal} | ${r.page} | ${r.first.requests} | ${kb(r.first.wireBytes)} | ${kb(r.first.assetWireBytes)} | ${kb(r.first.bodyBytes)} | ${r.first.headingMs.toFixed(0)} | <= ${TARGET_KB} KB | ${r.first.wireBytes <= TARGET_KB * KB ? "met" : "not met"} | ${kb(r.repeat.wireBytes)} | ${r.repeat.headingMs.toFixed(0)} |`,
    );
  lines.push(
    "",
    `Chromium (playwright-core), empty cache, loopback (no network throttling), median of ${RUNS} fresh profiles per page. Over the wire = the browser's DevTools count of bytes received (headers and compressed bodies: every asset, API call and stream until ${QUIET_MS} ms without network activity); uncompressed = the bodies after decoding. Heading at = ms from navigation start to the page's <h1> ("Sign in", "Welcome, …"). Repeat = the same profile loading the page again. KB = 1,024 bytes.`,
  );
  return lines.join("\n");
}
