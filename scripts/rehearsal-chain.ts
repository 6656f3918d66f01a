// `npm run chain:base-sepolia`: a local chain that passes for Base Sepolia (chain id 84532, USDC at
// Circle's address), to run the store with NETWORK=base-sepolia and pay it with x402 v1 and v2
// clients without real money. Prints the line that starts the store against it. Ctrl-C stops it.
import { startRehearsalChain } from "@/lib/devnet/rehearsal-chain";

async function main() {
  const port = Number(process.env.ANVIL_PORT || 8545);
  const chain = await startRehearsalChain({ port });
  const [buyer] = chain.buyers;
  console.log(`rehearsal chain (anvil pid ${chain.anvil.pid}) on ${chain.rpcUrl}: chain id ${chain.chainId}, USDC at ${chain.usdc}`);
  console.log(`buyer ${buyer.address}, key ${buyer.privateKey} (1,000 USDC; a public anvil key: never use it on a real chain)`);
  console.log("start the store against it (another terminal):");
  console.log(
    `  NETWORK=base-sepolia RPC_URL=${chain.rpcUrl} PUBLIC_RPC_URL=${chain.rpcUrl} FACILITATOR_PRIVATE_KEY=${chain.facilitator.privateKey} SEED_DEMO=true DATA_DIR=.data-base-sepolia npm start`,
  );
  console.log("then buy with an x402 v1 client (or drop --v1 for the v2 one):");
  console.log(`  AGENT_PRIVATE_KEY=${buyer.privateKey} npm run agent -- --v1 http://127.0.0.1:3000/api/download/building-for-agents`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await chain.anvil.stop();
}

main().catch((error: unknown) => {
  console.error(`rehearsal chain: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
