import { type APIRequestContext, expect, request as playwrightRequest } from "@playwright/test";
import { type CompleteSIWxInfo, createSIWxPayload, encodeSIWxHeader } from "@x402/extensions/sign-in-with-x";
import type { PrivateKeyAccount } from "viem/accounts";

/** The library's Sign-In-With-X challenge, as the sign-in page fetches it. */
export async function libraryChallenge(api: APIRequestContext): Promise<CompleteSIWxInfo> {
  const response = await api.get("/api/library/challenge");
  expect(response.status()).toBe(200);
  return response.json();
}

/** A signed proof of `info` by `account`, ready for the SIGN-IN-WITH-X header. */
export async function siwxHeader(info: CompleteSIWxInfo, account: PrivateKeyAccount): Promise<string> {
  return encodeSIWxHeader(await createSIWxPayload(info, account, info.uri));
}

/** Signs in to the library over HTTP exactly as the page does: fetch the challenge, sign, post the proof. */
export async function signInBuyer(baseURL: string, account: PrivateKeyAccount): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  const header = await siwxHeader(await libraryChallenge(api), account);
  const session = await api.post("/api/library/session", { headers: { "SIGN-IN-WITH-X": header } });
  expect(session.status(), await session.text()).toBe(200);
  return api;
}

/** The value of a cookie the context holds. */
export async function cookieValue(api: APIRequestContext, name: string): Promise<string> {
  const cookie = (await api.storageState()).cookies.find((entry) => entry.name === name);
  expect(cookie, `cookie ${name}`).toBeDefined();
  return cookie!.value;
}
