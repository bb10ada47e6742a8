/**
 * What a browser receives for a portal: precompressed JS (brotli or gzip, whichever it accepts), hashed files
 * cached for a year, index.html and deep links revalidated on every load, and a favicon.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "./test-server";

type Server = Awaited<ReturnType<typeof startTestServer>>;

const JS = `console.log(${JSON.stringify("portal code ".repeat(2000))});\n`;

/** A built portal as Vite + the precompress plugin leave it. */
function fakePortal(base: string, role: string) {
  const root = join(base, role);
  mkdirSync(join(root, "assets"), { recursive: true });
  writeFileSync(
    join(root, "index.html"),
    `<!doctype html><title>${role}</title><script type="module" src="/${role}/assets/index-AbC123.js"></script>`,
  );
  const js = join(root, "assets", "index-AbC123.js");
  writeFileSync(js, JS);
  writeFileSync(`${js}.br`, brotliCompressSync(JS));
  writeFileSync(`${js}.gz`, gzipSync(JS));
  return root;
}

/** Raw GET (fetch would decode the body and hide the encoding). */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (d) => chunks.push(d));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("portal delivery", () => {
  let s: Server;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mm-portals-"));
    s = await startTestServer("pglite", {
      portalDirs: {
        patient: fakePortal(dir, "patient"),
        physician: fakePortal(dir, "physician"),
        therapist: fakePortal(dir, "therapist"),
      },
    });
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends hashed JS brotli- or gzip-compressed, cached as immutable", async () => {
    const url = `${s.origin}/physician/assets/index-AbC123.js`;
    const br = await get(url, { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.body.length).toBeLessThan(JS.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(JS);

    const gz = await get(url, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(JS);

    const plain = await get(url);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(JS);
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("revalidates index.html and deep links on every load", async () => {
    for (const path of ["/patient/", "/patient/referrals/123", "/therapist/"]) {
      const res = await get(`${s.origin}${path}`, { "accept-encoding": "br" });
      expect(res.status, path).toBe(200);
      expect(res.headers["content-type"], path).toMatch(/text\/html/);
      expect(res.headers["cache-control"], path).toBe("no-cache");
    }
  });

  it("sends pages the full security headers and hashed assets only those that apply to a file", async () => {
    const page = await get(`${s.origin}/physician/`);
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.headers["strict-transport-security"]).toBeDefined();
    const asset = await get(`${s.origin}/physician/assets/index-AbC123.js`);
    expect(asset.headers["x-content-type-options"]).toBe("nosniff");
    expect(asset.headers["cross-origin-resource-policy"]).toBe("same-origin");
    expect(asset.headers["content-security-policy"]).toBeUndefined();
    expect(asset.headers["x-frame-options"]).toBeUndefined();
    // An unknown file under assets/ is a 404, not the portal's page served without a page's headers.
    const missing = await get(`${s.origin}/physician/assets/missing-XyZ.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers["content-type"]).not.toMatch(/html/);
    expect(missing.headers["x-content-type-options"]).toBe("nosniff");
    // The API keeps the full set.
    const api = await get(`${s.origin}/trpc/system.info`);
    expect(api.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  it("has a favicon", async () => {
    const svg = await get(`${s.origin}/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers["content-type"]).toMatch(/image\/svg\+xml/);
    expect(svg.body.toString()).toContain("<svg");
    const ico = await get(`${s.origin}/favicon.ico`);
    expect(ico.status).toBe(301);
    expect(ico.headers.location).toBe("/favicon.svg");
  });
});
