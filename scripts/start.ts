// The store's one start command: local chain (unless RPC_URL is set), database migrated and
// seeded, then the Next.js server. Ctrl-C stops everything it started.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Hex } from "viem";
import { openDatabase, pgliteDir } from "@/db/client";
import { seedDemoCatalog } from "@/db/seed";
import { createChainPublicClient } from "@/lib/chain/clients";
import { type ChainConfig, chainConfigFrom, presetFor } from "@/lib/chain/networks";
import { CREATORS, FACILITATOR, RECEIPT_SIGNER, isDevnetKey } from "@/lib/devnet/accounts";
import { type RunningAnvil, startAnvil } from "@/lib/devnet/anvil";
import { devnetClock } from "@/lib/devnet/clock";
import { MULTICALL3_ADDRESS, devnetClients, prepareDevnet } from "@/lib/devnet/deploy";
import { writeDevnetFile } from "@/lib/devnet/devnet-file";
import { ConfigError, type Env, parseEnv } from "@/lib/env";
import { clusterSettings, devnetFacilitatorKeys, webConcurrency } from "@/lib/startup/cluster";
import { checkFacilitator, describeUnsupportedFacilitator } from "@/lib/startup/facilitator-preflight";
import { StartupError, assertPortFree, assertRpcChain, ensureStorageDir } from "@/lib/startup/preflight";
import { startNextServer } from "@/lib/startup/next-server";
import { storageFor } from "@/lib/storage";
import { facilitatorFromEnv } from "@/lib/x402/facilitator";
import { readTokenDomain, tokenDomainProblem } from "@/lib/x402/token-domain";

const dev = process.argv.includes("--dev");
let anvil: RunningAnvil | undefined;

async function main() {
  const env = parseEnv(process.env);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: dev ? "development" : "production" };
  if (!env.SESSION_SECRET) {
    childEnv.SESSION_SECRET = randomBytes(32).toString("hex");
    console.log("SESSION_SECRET is not set: library and studio sign-ins last until the store restarts");
  }
  const workers = webConcurrency(process.env.WEB_CONCURRENCY);
  if (dev && workers > 1) throw new StartupError("WEB_CONCURRENCY > 1 runs the production server only: unset it for the dev server");
  Object.assign(
    childEnv,
    clusterSettings({
      workers,
      databaseUrl: env.DATABASE_URL,
      rateLimitStore: process.env.RATE_LIMIT_STORE,
      devnet: env.NETWORK === "devnet",
      facilitatorUrl: env.FACILITATOR_URL,
      facilitatorKeys: process.env.FACILITATOR_PRIVATE_KEYS,
    }),
  );
  if (env.NETWORK !== "devnet" && !env.FACILITATOR_URL && !env.FACILITATOR_PRIVATE_KEY) {
    throw new StartupError(`set FACILITATOR_PRIVATE_KEY (the embedded facilitator's gas wallet) or FACILITATOR_URL when NETWORK=${env.NETWORK}`);
  }
  if (env.NETWORK !== "devnet" && env.RECEIPT_SIGNING_KEY && isDevnetKey(env.RECEIPT_SIGNING_KEY)) {
    throw new StartupError(`RECEIPT_SIGNING_KEY is a public anvil development key: anyone could sign receipts in this store's name on ${env.NETWORK}`);
  }
  if (env.NETWORK !== "devnet" && !env.RECEIPT_SIGNING_KEY) {
    console.log("RECEIPT_SIGNING_KEY is not set: 402s carry no signed offers and deliveries no signed receipts");
  }
  await assertPortFree(env.HOST, env.PORT, "PORT");
  if (!env.S3_BUCKET) await ensureStorageDir(env.STORAGE_DIR, Boolean(process.env.STORAGE_DIR));

  const preset = presetFor(env.NETWORK);
  let rpcUrl = env.RPC_URL;
  if (!rpcUrl) {
    if (env.NETWORK !== "devnet") throw new StartupError(`RPC_URL is required when NETWORK=${env.NETWORK}`);
    await assertPortFree("127.0.0.1", env.ANVIL_PORT, "ANVIL_PORT");
    anvil = await startAnvil({ port: env.ANVIL_PORT, statePath: path.join(env.DATA_DIR, "anvil-state.json") });
    rpcUrl = anvil.rpcUrl;
    console.log(`anvil (pid ${anvil.pid}) on ${rpcUrl}, chain id ${preset.chain.id}`);
  } else {
    await assertRpcChain(rpcUrl, preset.chain.id);
  }
  childEnv.RPC_URL = rpcUrl;

  const storeUrl = env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`;
  let usdc = env.USDC_ADDRESS;
  if (env.NETWORK === "devnet") {
    ({ usdc } = await prepareDevnet(rpcUrl));
    // Our anvil restarted on saved state is at its last block's time; the reconciler judges expiry by it.
    if (anvil) await devnetClock(devnetClients(rpcUrl).publicClient)();
    childEnv.USDC_ADDRESS = usdc;
    childEnv.FACILITATOR_PRIVATE_KEY ||= FACILITATOR.privateKey;
    childEnv.RECEIPT_SIGNING_KEY ||= RECEIPT_SIGNER.privateKey;
    if (workers > 1 && !env.FACILITATOR_URL && !process.env.FACILITATOR_PRIVATE_KEYS) {
      childEnv.FACILITATOR_PRIVATE_KEYS = await devnetFacilitatorKeys(rpcUrl, childEnv.FACILITATOR_PRIVATE_KEY as Hex, workers);
    }
    writeDevnetFile(env.DATA_DIR, { rpcUrl, usdc, multicall3: MULTICALL3_ADDRESS, storeUrl });
    console.log(`test USDC at ${usdc}; devnet accounts in ${path.join(env.DATA_DIR, "devnet.json")}`);
  }
  const chain = chainConfigFrom({ ...env, RPC_URL: rpcUrl, USDC_ADDRESS: usdc });
  await assertUsdcDomain(chain);
  if (env.FACILITATOR_URL) await checkRemoteFacilitator(env, env.FACILITATOR_URL, chain);

  // PGlite allows one process per folder: migrate and seed here, close, then hand it to the server.
  const database = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: pgliteDir(env.DATA_DIR) });
  try {
    await database.migrate();
    // PGlite runs no autovacuum, so it never gathers statistics on its own: without them the planner
    // guesses that a kind matches 0.5% of the items and sorts the whole kind for a catalog page
    // instead of reading its index (db/schema.ts). Statistics as of each start are enough for that.
    if (database.kind === "pglite") await database.db.execute(sql`analyze`);
    if (env.SEED_DEMO) {
      const seed = await seedDemoCatalog({
        db: database.db,
        storage: storageFor(env),
        creatorWallets: CREATORS.map((creator) => creator.address),
      });
      if (seed.seeded) console.log(`seeded the demo catalog: ${seed.items} items`);
    }
  } catch (error) {
    throw new StartupError(describeDatabaseError(error, database.kind));
  } finally {
    await database.close().catch(() => {});
  }

  const server = await startNextServer({ host: env.HOST, port: env.PORT, dev, env: childEnv });
  const processes = workers > 1 ? `, ${workers} server processes` : "";
  console.log(`x402 Storefront ready at ${storeUrl} (pid ${server.child.pid}${processes}). Ctrl-C stops it.`);

  const shutdown = () => {
    server.child.kill("SIGTERM");
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  const code = await server.exited;
  await anvil?.stop();
  process.exit(code);
}

/** Payments are signed over the token's EIP-712 domain: refuse to sell with a wrong one. */
async function assertUsdcDomain(chain: ChainConfig) {
  const domain = await readTokenDomain(createChainPublicClient(chain), chain.usdc).catch(() => {
    throw new StartupError(`cannot read name() and version() of the USDC contract ${chain.usdc} on ${chain.network}; check USDC_ADDRESS`);
  });
  const problem = tokenDomainProblem(chain.chainId, domain);
  if (problem) throw new StartupError(problem);
}

/** A facilitator that answers without our network could never settle a sale: refuse to start with it. */
async function checkRemoteFacilitator(env: Env, url: string, chain: ChainConfig) {
  const check = await checkFacilitator(facilitatorFromEnv(env, chain), chain);
  if (check.kind === "unsupported") throw new StartupError(describeUnsupportedFacilitator(url, chain, check.listed));
  if (check.kind === "unreachable") {
    console.log(`the facilitator did not answer /supported (${check.problem}): downloads answer 503 until it does`);
  } else if (chain.name !== "devnet" && !check.v1) {
    console.log(`the facilitator settles x402 v2 on ${chain.network} but not v1 on ${chain.name}: v1 clients cannot pay`);
  }
}

function describeDatabaseError(error: unknown, kind: "pglite" | "postgres"): string {
  const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return kind === "postgres"
    ? `DATABASE_URL: cannot use the PostgreSQL database (${message.split("\n")[0]})`
    : `embedded database in DATA_DIR failed (${message.split("\n")[0]})`;
}

main().catch(async (error: unknown) => {
  await anvil?.stop();
  const known = error instanceof StartupError || error instanceof ConfigError;
  console.error(`x402 Storefront cannot start: ${error instanceof Error ? error.message : String(error)}`);
  if (!known && error instanceof Error && process.env.DEBUG) console.error(error.stack);
  process.exit(1);
});
