import assert from "node:assert/strict";
import { describe, it } from "node:test";

// The route as the server runs it, configured for Base Sepolia: the faucet must not exist there.
process.env.NETWORK = "base-sepolia";
process.env.RPC_URL = "http://127.0.0.1:9";
process.env.RATE_LIMIT_FAUCET_PER_HOUR = "1";

describe("POST /api/devnet/faucet off the devnet", () => {
  it("answers 404 not_found on Base Sepolia, before reading the body or counting the client", async () => {
    const { POST } = await import("./route");
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await POST(
        new Request("http://127.0.0.1:3000/api/devnet/faucet", {
          method: "POST",
          headers: { "content-type": "application/json", "x-storefront-client-address": "127.0.0.1" },
          body: JSON.stringify({ wallet: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" }),
        }),
      );
      // Not 429 on the second try either: nothing was counted.
      assert.equal(response.status, 404);
      assert.equal(((await response.json()) as { error: string }).error, "not_found");
    }
  });
});
