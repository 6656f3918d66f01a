// The baseline for the paid path: a minimal seller built only from the official x402 libraries
// (@x402/core's HTTP resource server, @x402/evm's exact scheme, the official facilitator embedded as
// lib/x402/facilitator.ts embeds it) on bare node:http, selling one file at the store's terms on the
// store's devnet. Its facilitator pays gas from a key of its own, funded here, so its transaction
// nonces never meet the store's.
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { x402Facilitator } from "@x402/core/facilitator";
import { type HTTPAdapter, type HTTPRequestContext, x402HTTPResourceServer } from "@x402/core/http";
import { x402ResourceServer } from "@x402/core/server";
import type { PaymentRequirements, SupportedResponse } from "@x402/core/types";
import { toFacilitatorEvmSigner } from "@x402/evm";
import { registerExactEvmScheme } from "@x402/evm/exact/facilitator";
import { ExactEvmScheme } from "@x402/evm/exact/server";
import { createPublicClient, createWalletClient, http, nonceManager, parseEther } from "viem";
import { foundry } from "viem/chains";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import type { DevnetFile } from "@/lib/devnet/devnet-file";

export type OfficialServer = { url: string; close: () => Promise<void> };

export type OfficialServerOptions = {
  devnet: DevnetFile;
  /** The RPC its facilitator uses: the devnet's, or a counting proxy in front of it. */
  rpcUrl: string;
  /** What the store asks for the same file (amount, asset, payTo, token domain): one of its 402's requirements. */
  terms: PaymentRequirements;
  file: { bytes: Buffer; mimeType: string };
};

function adapterFor(request: IncomingMessage, url: URL): HTTPAdapter {
  return {
    getHeader: (name) => {
      const value = request.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
    getMethod: () => request.method ?? "GET",
    getPath: () => url.pathname,
    getUrl: () => url.href,
    getAcceptHeader: () => request.headers.accept ?? "",
    getUserAgent: () => request.headers["user-agent"] ?? "",
  };
}

/** Starts the baseline seller on 127.0.0.1 (a free port); it sells `file` at GET /file. */
export async function startOfficialServer({ devnet, rpcUrl, terms, file }: OfficialServerOptions): Promise<OfficialServer> {
  const chain = foundry;
  const account = privateKeyToAccount(generatePrivateKey(), { nonceManager });
  const publicClient = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 50 });
  await publicClient.request({ method: "anvil_setBalance" as never, params: [account.address, `0x${parseEther("100").toString(16)}`] as never });
  const walletClient = createWalletClient({ account, chain, transport: http(rpcUrl) });
  const signer = toFacilitatorEvmSigner({
    address: account.address,
    readContract: (args) => publicClient.readContract(args as Parameters<typeof publicClient.readContract>[0]),
    verifyTypedData: (args) => publicClient.verifyTypedData(args as Parameters<typeof publicClient.verifyTypedData>[0]),
    writeContract: (args) => walletClient.writeContract(args as Parameters<typeof walletClient.writeContract>[0]),
    sendTransaction: (args) => walletClient.sendTransaction(args),
    waitForTransactionReceipt: (args) => publicClient.waitForTransactionReceipt(args),
    getCode: (args) => publicClient.getCode(args),
  });
  const facilitator = new x402Facilitator();
  registerExactEvmScheme(facilitator, { signer, networks: devnet.network });
  const resourceServer = new x402ResourceServer({
    verify: (payload, requirements) => facilitator.verify(payload, requirements),
    settle: (payload, requirements) => facilitator.settle(payload, requirements),
    getSupported: async () => facilitator.getSupported() as SupportedResponse,
  }).register(devnet.network, new ExactEvmScheme());
  const httpServer = new x402HTTPResourceServer(resourceServer, {
    "GET /file": {
      accepts: {
        scheme: "exact",
        network: devnet.network,
        payTo: terms.payTo,
        price: { amount: terms.amount, asset: terms.asset, extra: terms.extra },
        maxTimeoutSeconds: terms.maxTimeoutSeconds,
      },
      mimeType: file.mimeType,
    },
  });
  await httpServer.initialize();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const adapter = adapterFor(request, url);
    const context: HTTPRequestContext = {
      adapter,
      path: url.pathname,
      method: adapter.getMethod(),
      paymentHeader: adapter.getHeader("payment-signature") ?? adapter.getHeader("x-payment"),
    };
    const result = await httpServer.processHTTPRequest(context);
    if (result.type === "no-payment-required") return void response.writeHead(404).end();
    if (result.type === "payment-error") {
      const { status, headers, body } = result.response;
      response.writeHead(status, { "content-type": "application/json", ...headers });
      return void response.end(body === undefined ? "" : JSON.stringify(body));
    }
    // The official middlewares' order: the handler's answer is ready, then settlement, then the bytes.
    const settled = await httpServer.processSettlement(result.paymentPayload, result.paymentRequirements, result.declaredExtensions, {
      request: context,
    });
    if (!settled.success) {
      response.writeHead(settled.response.status, { "content-type": "application/json", ...settled.response.headers });
      return void response.end(JSON.stringify(settled.response.body ?? {}));
    }
    response.writeHead(200, { "content-type": file.mimeType, "content-length": String(file.bytes.length), ...settled.headers });
    response.end(file.bytes);
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/file`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
