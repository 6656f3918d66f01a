import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rateLimitSubject } from "./client-key";

describe("rateLimitSubject", () => {
  it("keys IPv6 clients by their /64 prefix, however the address is written", () => {
    const prefix = "2001:db8:85a3:42::/64";
    for (const address of ["2001:db8:85a3:42::1", "2001:0db8:85a3:0042:ffff:ffff:ffff:ffff", "2001:db8:85a3:42:1:2:3:4", "2001:db8:85a3:42::1%eth0"]) {
      assert.equal(rateLimitSubject(address), prefix, address);
    }
    assert.equal(rateLimitSubject("2001:db8:85a3:43::1"), "2001:db8:85a3:43::/64");
    assert.equal(rateLimitSubject("::1"), "0:0:0:0::/64");
    assert.equal(rateLimitSubject("fe80::1"), "fe80:0:0:0::/64");
  });

  it("keys IPv4 clients by their address, also when mapped into IPv6", () => {
    assert.equal(rateLimitSubject("203.0.113.7"), "203.0.113.7");
    assert.equal(rateLimitSubject("::ffff:203.0.113.7"), "203.0.113.7");
    assert.equal(rateLimitSubject("unknown"), "unknown");
  });
});
