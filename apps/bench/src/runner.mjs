// The load generator, run as its own process (`node runner.mjs <config.json>`) so it never shares an event loop
// with the server or the orchestrator. Rotates through the request variants (users' cookies, referral ids, bodies)
// and prints autocannon's figures as one JSON line on stdout.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const variants = config.variants;
if (!Array.isArray(variants) || variants.length === 0) throw new Error("no request variants");

let next = 0;
const rotate = (req) => {
  const v = variants[next++ % variants.length];
  return { ...req, method: v.method, path: v.path, headers: v.headers ?? {}, body: v.body };
};

function run(duration) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: config.url,
        connections: config.connections,
        pipelining: 1,
        duration,
        timeout: 10,
        requests: [{ setupRequest: rotate }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    // A benchmark must end even if the server hangs: hard stop at twice the planned time.
    const guard = setTimeout(() => instance.stop(), (duration * 2 + 5) * 1000);
    instance.on("done", () => clearTimeout(guard));
  });
}

if (config.warmup > 0) await run(config.warmup);
const cpu0 = process.cpuUsage();
const r = await run(config.duration);
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({
    rps: r.requests.average,
    total: r.requests.total,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    ok: r["2xx"],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: r.statusCodeStats ?? null,
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
  })}\n`,
);
