// The Next.js production (or dev) server behind the start command. A custom server so that exact
// Content-Length headers survive (see lib/http/content-length.ts), security headers are set from
// the runtime configuration, route handlers learn the client's address, cross-site state changes
// are refused for every studio and library route in one place, and file deliveries stream as Node
// streams (lib/downloads/node-body.ts); the rest is Next's.
import cluster from "node:cluster";
import http, { type ServerResponse } from "node:http";
import next from "next";
import { publicOrigin } from "@/lib/auth/public-origin";
import { getBrowserChain } from "@/lib/chain/browser-chain";
import { handleWithNodeBodies } from "@/lib/downloads/node-body";
import { getEnv } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "@/lib/http/client-address";
import { pageCompression } from "@/lib/http/compression";
import { CONTENT_LENGTH_PASSTHROUGH } from "@/lib/http/content-length";
import { sendRefusal, stateChangeRefusal } from "@/lib/http/cross-site";
import { dropClientForwarding } from "@/lib/http/request-origin";
import { securityHeaders } from "@/lib/http/security-headers";
import { runShutdown } from "@/lib/shutdown";
import { runClusterPrimary, webConcurrency, whenClusterReady } from "@/lib/startup/cluster";

const [host, port] = [process.env.HOST ?? "127.0.0.1", Number(process.env.PORT ?? 3000)];
const dev = process.argv.includes("--dev");

function finishHeaders(res: ServerResponse, defaults: Record<string, string>) {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  // Node also calls writeHead implicitly on the first write, so this sees every response head.
  res.writeHead = ((...args: unknown[]) => {
    for (const [name, value] of Object.entries(defaults)) if (!res.hasHeader(name)) res.setHeader(name, value);
    const length = res.getHeader(CONTENT_LENGTH_PASSTHROUGH);
    if (length !== undefined) {
      res.removeHeader(CONTENT_LENGTH_PASSTHROUGH);
      res.removeHeader("transfer-encoding");
      res.setHeader("content-length", String(length));
    }
    return writeHead(...args);
  }) as ServerResponse["writeHead"];
}

async function main() {
  const app = next({ dev, hostname: host, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const env = getEnv();
  const defaults = securityHeaders({
    browserRpcUrl: getBrowserChain(env.PUBLIC_RPC_URL).rpcUrl,
    walletConnect: Boolean(env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID),
    dev,
  });
  const trustProxy = env.TRUST_PROXY === "true";
  const site = { publicOrigin: publicOrigin().origin, trustProxy };
  const compress = pageCompression();
  const server = http.createServer((req, res) => {
    req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustProxy);
    if (!trustProxy) dropClientForwarding(req.headers);
    finishHeaders(res, defaults);
    // After finishHeaders: compression decides on the headers the handler set, before the
    // exact-length passthrough becomes Content-Length.
    compress(req, res, () => {});
    const refusal = stateChangeRefusal(req, site);
    if (refusal) return sendRefusal(res, refusal);
    // After compress: a file delivery's body (never compressed) is piped in at Next's res.end().
    handleWithNodeBodies(req, res, () => void handle(req, res));
  });
  await whenClusterReady();
  server.listen(port, host, () => console.log(`Next.js ${dev ? "dev" : "production"} server on http://${host}:${port}`));
  const stop = async () => {
    server.close();
    server.closeAllConnections();
    await runShutdown();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

const workers = webConcurrency(process.env.WEB_CONCURRENCY);
if (cluster.isPrimary && workers > 1) {
  runClusterPrimary(workers);
} else {
  main().catch((error: unknown) => {
    console.error(`server failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
