import { readFileSync } from "node:fs";
import path from "node:path";
import { BUYERS, CREATORS, DEPLOYER, FACILITATOR, RECEIPT_SIGNER, SECOND_FACILITATOR, UNFUNDED_BUYER } from "../../lib/devnet/accounts";

/** A 65-byte ECDSA signature as hex: whatever signed it, it has no business in a log. */
const SIGNATURE = /(?:0x)?[0-9a-fA-F]{130}(?![0-9a-fA-F])/;

export function storeLog(dataDir: string): string {
  return readFileSync(path.join(dataDir, "store.log"), "utf8");
}

/** Every devnet private key and the session secret: what must never be printed. */
export function knownSecrets(): string[] {
  const keys = [DEPLOYER, ...BUYERS, ...CREATORS, UNFUNDED_BUYER, FACILITATOR, SECOND_FACILITATOR, RECEIPT_SIGNER].map((account) => account.privateKey.slice(2));
  return [...keys, process.env.E2E_SESSION_SECRET!].filter(Boolean);
}

/** Which of `secrets` (matched case-insensitively, with or without 0x) or signatures appear in the log. */
export function leaksIn(log: string, secrets: string[]): string[] {
  const lower = log.toLowerCase();
  const leaks = secrets.filter((secret) => lower.includes(secret.replace(/^0x/, "").toLowerCase())).map((secret) => `${secret.slice(0, 10)}…`);
  const signature = SIGNATURE.exec(log);
  if (signature) leaks.push(`a signature (${signature[0].slice(0, 12)}…)`);
  return leaks;
}
