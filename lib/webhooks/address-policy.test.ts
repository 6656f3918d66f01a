import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isAllowedWebhookAddress } from "./address-policy";

const strict = { allowLoopback: false };
const devnet = { allowLoopback: true };

describe("webhook address policy", () => {
  it("refuses private, loopback, link-local and special addresses", () => {
    for (const address of [
      "127.0.0.1",
      "127.1.2.3",
      "10.0.0.1",
      "172.16.5.4",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:169.254.169.254",
      "64:ff9b::a9fe:a9fe",
      "not-an-ip",
    ]) {
      assert.equal(isAllowedWebhookAddress(address, strict), false, address);
    }
  });

  it("allows public unicast addresses", () => {
    for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) {
      assert.equal(isAllowedWebhookAddress(address, strict), true, address);
    }
  });

  it("on the devnet allows 127.0.0.1 and nothing else private", () => {
    assert.equal(isAllowedWebhookAddress("127.0.0.1", devnet), true);
    assert.equal(isAllowedWebhookAddress("::ffff:127.0.0.1", devnet), true);
    for (const address of ["127.0.0.2", "::1", "10.0.0.1", "169.254.169.254", "192.168.0.10"]) {
      assert.equal(isAllowedWebhookAddress(address, devnet), false, address);
    }
  });
});
