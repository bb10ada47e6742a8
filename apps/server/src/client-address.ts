import { BlockList, isIP } from "node:net";

/**
 * The client's address behind trusted proxies: the socket's address, unless that is a trusted proxy; then the
 * right-most X-Forwarded-For hop that is not itself a trusted proxy (everything left of it is client-supplied and
 * could be forged). Without TRUSTED_PROXIES the header is ignored.
 */
export function clientAddressResolver(trustedProxies: string | undefined) {
  const trusted = parseTrustedProxies(trustedProxies);
  if (!trusted) return (socket: string | undefined) => normalize(socket) ?? "unknown";
  const isTrusted = (ip: string) => {
    const family = isIP(ip);
    return family !== 0 && trusted.check(ip, family === 6 ? "ipv6" : "ipv4");
  };
  return (socket: string | undefined, forwardedFor?: string | null) => {
    const peer = normalize(socket);
    if (!peer || !isTrusted(peer) || !forwardedFor) return peer ?? "unknown";
    const hops = forwardedFor
      .split(",")
      .map((h) => normalize(h.trim()))
      .filter((h): h is string => !!h);
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      if (isIP(hop) === 0) return "unknown";
      if (!isTrusted(hop)) return hop;
    }
    return hops[0] ?? peer;
  };
}

/** `10.0.0.0/8, 192.168.1.7, fd00::/8` → a BlockList; throws on anything else (validated at start). */
export function parseTrustedProxies(value: string | undefined): BlockList | undefined {
  const entries = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  const list = new BlockList();
  for (const entry of entries) {
    const [ip, bits, extra] = entry.split("/");
    const family = isIP(ip ?? "");
    if (family === 0 || extra !== undefined) throw new Error(`not an address or CIDR range: ${entry}`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(ip!, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32))
        throw new Error(`bad prefix length: ${entry}`);
      list.addSubnet(ip!, prefix, type);
    }
  }
  return list;
}

/** IPv4-mapped IPv6 (::ffff:1.2.3.4, as Node reports IPv4 peers on a dual-stack socket) → 1.2.3.4. */
function normalize(ip: string | undefined | null): string | undefined {
  if (!ip) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped ? mapped[1] : ip;
}
