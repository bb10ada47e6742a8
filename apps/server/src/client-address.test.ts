import { describe, expect, it } from "vitest";
import { clientAddressResolver, parseTrustedProxies } from "./client-address";

describe("client address", () => {
  it("ignores X-Forwarded-For without trusted proxies", () => {
    const resolve = clientAddressResolver(undefined);
    expect(resolve("203.0.113.9", "198.51.100.1")).toBe("203.0.113.9");
    expect(resolve("::ffff:203.0.113.9")).toBe("203.0.113.9");
  });

  it("takes the right-most untrusted hop behind trusted proxies", () => {
    const resolve = clientAddressResolver("10.0.0.0/8, 192.168.1.7");
    // Client-supplied junk on the left is never believed.
    expect(resolve("10.1.2.3", "1.1.1.1, 198.51.100.7, 10.9.9.9")).toBe("198.51.100.7");
    expect(resolve("192.168.1.7", "198.51.100.8")).toBe("198.51.100.8");
    // From an untrusted peer the header is ignored.
    expect(resolve("203.0.113.9", "198.51.100.7")).toBe("203.0.113.9");
    // Only trusted hops: the left-most one.
    expect(resolve("10.1.2.3", "10.0.0.5, 10.0.0.6")).toBe("10.0.0.5");
    expect(resolve("10.1.2.3", "not-an-ip")).toBe("unknown");
    expect(resolve("10.1.2.3")).toBe("10.1.2.3");
  });

  it("refuses a malformed TRUSTED_PROXIES entry", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/prefix/);
    expect(() => parseTrustedProxies("proxy.example")).toThrow(/CIDR/);
    expect(parseTrustedProxies("fd00::/8")).toBeDefined();
  });
});
