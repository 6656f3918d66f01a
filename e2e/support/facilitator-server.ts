import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import { createTestClient, http as viemHttp } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { chainConfigFrom } from "../../lib/chain/networks";
import { createFacilitatorClient } from "../../lib/x402/facilitator";
import { parseEnv } from "../../lib/env";

/**
 * A remote x402 facilitator over HTTP (/supported, /verify, /settle) backed by the official
 * facilitator on the devnet, whose behaviour a test switches: answer; hang on everything; or
 * settle on-chain but never answer /settle (the "broadcast, then timeout" case). A test may also
 * change the chain between a payment's verification and its settlement.
 */
export type FacilitatorMode = "serve" | "hang" | "settle-then-hang";

export async function startFacilitatorServer(options: { rpcUrl: string; usdc: `0x${string}` }) {
  const key = generatePrivateKey();
  await createTestClient({ mode: "anvil", chain: foundry, transport: viemHttp(options.rpcUrl) }).setBalance({
    address: privateKeyToAccount(key).address,
    value: 10n ** 20n,
  });
  const chain = chainConfigFrom({ ...parseEnv({} as NodeJS.ProcessEnv), RPC_URL: options.rpcUrl, USDC_ADDRESS: options.usdc });
  const facilitator = createFacilitatorClient({ chain, facilitatorPrivateKey: key, timeoutMs: 10_000 });
  let mode: FacilitatorMode = "hang";
  let beforeSettle: (() => Promise<void>) | null = null;
  const sockets = new Set<Socket>();

  const server = http.createServer(async (request, response) => {
    if (mode === "hang") return;
    const reply = (body: unknown) => response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (request.method === "GET" && request.url === "/supported") return reply(await facilitator.getSupported());
    let text = "";
    for await (const chunk of request) text += chunk;
    const { paymentPayload, paymentRequirements } = JSON.parse(text);
    if (request.url === "/verify") return reply(await facilitator.verify(paymentPayload, paymentRequirements));
    if (request.url === "/settle") {
      await beforeSettle?.();
      const settled = await facilitator.settle(paymentPayload, paymentRequirements);
      if (mode === "settle-then-hang") return;
      return reply(settled);
    }
    response.writeHead(404).end();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setMode(next: FacilitatorMode) {
      mode = next;
    },
    /** Runs `action` after a payment was verified and before it is settled: what the chain does in between. */
    setBeforeSettle(action: (() => Promise<void>) | null) {
      beforeSettle = action;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
