import { describe, expect, it } from "vitest";
import {
  addressHandedOver,
  clientAddressOf,
  markClientAddressServer,
} from "@/lib/security/client-address";
import { clientAddressFrom } from "@/lib/security/rate-limit";

const of = (
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxyHops: number,
) => clientAddressOf({ socketAddress, forwardedFor, trustedProxyHops });

describe("the client's address", () => {
  it("is the socket's with no trusted proxy, whatever X-Forwarded-For claims", () => {
    expect(of("203.0.113.7", undefined, 0)).toBe("203.0.113.7");
    expect(of("203.0.113.7", "198.51.100.1", 0)).toBe("203.0.113.7");
    expect(of("203.0.113.7", "198.51.100.1, 10.0.0.1", 0)).toBe("203.0.113.7");
  });

  it("is the Nth entry from the right of X-Forwarded-For behind N trusted proxies", () => {
    // One load balancer: it appended the address it was reached from.
    expect(of("10.0.0.2", "203.0.113.7", 1)).toBe("203.0.113.7");
    expect(of("10.0.0.2", "1.1.1.1, 2.2.2.2, 203.0.113.7", 1)).toBe("203.0.113.7");
    // A CDN, then a load balancer: the CDN appended the client, the balancer the CDN.
    expect(of("10.0.0.2", "spoofed, 203.0.113.7, 192.0.2.10", 2)).toBe("203.0.113.7");
    expect(of("10.0.0.2", "spoofed, 203.0.113.7, 192.0.2.10", 3)).toBe("spoofed");
  });

  it("reads every X-Forwarded-For line, in order, and ignores blanks and spaces", () => {
    expect(of("10.0.0.2", ["1.1.1.1", "203.0.113.7 , 192.0.2.10"], 2)).toBe("203.0.113.7");
    expect(of("10.0.0.2", " 1.1.1.1 ,, 203.0.113.7 ,", 1)).toBe("203.0.113.7");
  });

  it("is the leftmost entry when the chain is shorter than the hops, and the socket's when there is none", () => {
    expect(of("10.0.0.2", "203.0.113.7", 3)).toBe("203.0.113.7");
    expect(of("10.0.0.2", undefined, 2)).toBe("10.0.0.2");
    expect(of("10.0.0.2", "  ", 1)).toBe("10.0.0.2");
  });

  it("writes an IPv4 client on a dual-stack socket as IPv4, and keeps addresses short", () => {
    expect(of("::ffff:203.0.113.7", undefined, 0)).toBe("203.0.113.7");
    expect(of("2001:db8::1", undefined, 0)).toBe("2001:db8::1");
    expect(of("10.0.0.2", "x".repeat(500), 1)).toHaveLength(64);
    expect(of(undefined, undefined, 0)).toBeNull();
  });
});

describe("the address the app reads", () => {
  const headers = new Headers({
    "x-forwarded-for": "198.51.100.1, 10.0.0.1",
    "x-client-address": "203.0.113.7",
  });

  it("is only the server's x-client-address, and only where that server runs", () => {
    // A bare `next start` (no server of ours): the header would be the client's own words.
    expect(addressHandedOver(headers)).toBeNull();
    markClientAddressServer();
    expect(clientAddressFrom(headers)).toBe("203.0.113.7");
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "198.51.100.1" }))).toBeNull();
  });
});
