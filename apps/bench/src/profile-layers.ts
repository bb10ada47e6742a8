// `pnpm --filter @mm/bench profile-layers [results/profiles/CPU.….cpuprofile]`: the server's CPU per request, by
// layer, for each endpoint of a `pnpm bench -- --profile` run. The bench writes, beside the V8 profile, the monotonic
// time window and request count of each endpoint's measured run (windows-<pid>.json); each sample is charged to
// the layer of the nearest frame that has a source (native leaves such as writev or JSON.parse go to their caller,
// socket writes under pg to pg), and divided by the window's requests.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };
type Window = { name: string; fromUs: number; toUs: number; requests: number };

const say = (line: string) => process.stdout.write(`${line}\n`);
const PROFILES = join(dirname(fileURLToPath(import.meta.url)), "../results/profiles");

const PACKAGE_LAYERS: [RegExp, string][] = [
  [/^@hono\+node-server@/, "HTTP: @hono/node-server (Request/Response over node:http)"],
  [/^hono@/, "Hono: routing + global middleware (secureHeaders, csrf, body limit)"],
  [/^@trpc\+server@/, "tRPC: fetch adapter + resolution"],
  [/^zod@/, "zod (input parse)"],
  [/^drizzle-orm@/, "Drizzle: query building + row mapping"],
  [/^(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)@/, "pg driver (round trips, parsing)"],
  [/^(better-auth|@better-auth\+[a-z-]+|better-call|jose|@noble\+[a-z]+)@/, "better-auth (session)"],
  [/^dataloader@/, "audit batching (DataLoader)"],
  [/^lru-cache@/, "session memo (lru-cache)"],
  [
    /^(pino|pino-std-serializers|sonic-boom|thread-stream|fast-redact|quick-format-unescaped)@/,
    "access log (pino)",
  ],
  [/^temporal-polyfill@/, "domain dates (Temporal)"],
  [/^pg-boss@/, "job queue (pg-boss)"],
];

function layerOfUrl(url: string): string | null {
  if (!url) return null;
  const pkg = url.match(/node_modules\/\.pnpm\/([^/]+)\//)?.[1];
  if (pkg) return PACKAGE_LAYERS.find(([re]) => re.test(pkg))?.[1] ?? `other package: ${pkg.split("_")[0]}`;
  const own = url.match(/\/(apps|packages)\/([^/]+)\/src\/(.+)$/);
  if (own) {
    if (own[1] === "apps" && own[2] === "server") return `server: ${own[3]}`;
    if (own[2] === "api") {
      const file = own[3]!;
      if (file.includes("audit")) return "api: audit insert";
      if (file.startsWith("trpc") || file.includes("middleware") || file.includes("context"))
        return `api: ${file} (context, middleware)`;
      return `api: ${file}`;
    }
    return `${own[2]}: ${own[3]}`;
  }
  if (/^node:internal\/deps\/undici|webstreams/.test(url))
    return "HTTP: web Request/Headers/streams (undici, for the fetch adapters)";
  if (url.startsWith("node:")) return "HTTP: node:http, sockets, streams, timers";
  return `other: ${url.slice(-50)}`;
}

function main() {
  const arg = process.argv.slice(2).find((x) => x !== "--");
  const file =
    arg ??
    join(
      PROFILES,
      readdirSync(PROFILES)
        .filter((f) => f.endsWith(".cpuprofile"))
        .sort()
        .at(-1)!,
    );
  const pid = file.match(/\.(\d+)\.\d+\.\d+\.cpuprofile$/)?.[1];
  const windows = JSON.parse(readFileSync(join(dirname(file), `windows-${pid}.json`), "utf8")) as Window[];
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const layerCache = new Map<number, string | null>();
  const layerOf = (id: number): string | null => {
    const cached = layerCache.get(id);
    if (cached !== undefined) return cached;
    const n = byId.get(id)!;
    const { functionName, url } = n.callFrame;
    let layer: string | null;
    if (functionName === "(idle)") layer = null;
    else if (functionName === "(garbage collector)") layer = "GC";
    else if (!url && /^(parse|stringify)$/.test(functionName)) layer = "JSON (parse, stringify)";
    else {
      // The nearest frame with a source; a node-internal one is charged to pg when pg is above it (its socket).
      let x: number | undefined = id;
      let found: string | null = null;
      while (x !== undefined && !found) {
        found = layerOfUrl(byId.get(x)!.callFrame.url);
        if (!found) x = parent.get(x);
      }
      if (found?.startsWith("HTTP: node:")) {
        for (let y = parent.get(x!); y !== undefined; y = parent.get(y)) {
          const above = layerOfUrl(byId.get(y)!.callFrame.url);
          if (above?.startsWith("pg driver")) {
            found = above;
            break;
          }
          if (above && !above.startsWith("HTTP: node:")) break;
        }
      }
      layer = found ?? "other (native, program)";
    }
    layerCache.set(id, layer);
    return layer;
  };

  for (const w of windows) {
    const layers = new Map<string, number>();
    let t = profile.startTime;
    let total = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i]!;
      if (t < w.fromUs || t > w.toUs) continue;
      const layer = layerOf(profile.samples[i]!);
      if (!layer) continue;
      const dt = profile.timeDeltas[i]!;
      layers.set(layer, (layers.get(layer) ?? 0) + dt);
      total += dt;
    }
    const per = (us: number) => (us / Math.max(1, w.requests)).toFixed(1);
    say(`\n### ${w.name}: ${w.requests} requests, ${per(total)} µs of server CPU per request (sampled)\n`);
    say("| layer | µs/req | share |\n| --- | ---: | ---: |");
    for (const [layer, us] of [...layers].sort((x, y) => y[1] - x[1]))
      if (us / total >= 0.005) say(`| ${layer} | ${per(us)} | ${((100 * us) / total).toFixed(0)}% |`);
  }
}

main();
