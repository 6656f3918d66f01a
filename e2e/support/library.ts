import { type APIRequestContext, expect, request as playwrightRequest } from "@playwright/test";
import { type CompleteSIWxInfo, createSIWxPayload, encodeSIWxHeader } from "@x402/extensions/sign-in-with-x";
import type { PrivateKeyAccount } from "viem/accounts";

/** Signs in to the library over HTTP exactly as the page does: fetch the challenge, sign it, post the proof. */
export async function librarySession(baseURL: string, account: PrivateKeyAccount): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  const challenge = (await (await api.get("/api/library/challenge")).json()) as CompleteSIWxInfo;
  const proof = encodeSIWxHeader(await createSIWxPayload(challenge, account, challenge.uri));
  const session = await api.post("/api/library/session", { headers: { "sign-in-with-x": proof } });
  expect(session.status()).toBe(200);
  return api;
}
