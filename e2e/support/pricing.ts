import { type APIRequestContext, expect } from "@playwright/test";
import { decodePaymentRequiredHeader } from "@x402/core/http";
import type { PaymentRequired } from "@x402/core/types";

export type DiscountCodeJson = { id: string; code: string; uses: number; sales: number; revenue: string; discounted: string; paused: boolean };

/** Creates a discount code in the signed-in creator's studio (all items, 20 % off unless told). */
export async function createCode(api: APIRequestContext, fields: Record<string, unknown>): Promise<DiscountCodeJson> {
  const response = await api.post("/api/studio/discount-codes", { data: { kind: "percent", value: "20", allItems: true, ...fields } });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

export type Offer = { status: number; required: PaymentRequired | null; body: { error?: string; message?: string } };

/** What a download URL answers without a payment: a 402's offer, or a refusal's body. */
export async function offerFor(url: string): Promise<Offer> {
  const response = await fetch(url);
  const header = response.headers.get("payment-required");
  return { status: response.status, required: header ? decodePaymentRequiredHeader(header) : null, body: await response.json() };
}

/** A 400 with `reason` and no payment terms at all: neither the header nor `accepts` in the body. */
export async function expectRefusal(url: string, reason: string) {
  const offer = await offerFor(url);
  expect(offer, url).toMatchObject({ status: 400, required: null, body: { error: reason } });
  expect(offer.body).not.toHaveProperty("accepts");
}

/** The amount (atomic units, as a string) a 402 asks for. */
export async function quotedAmount(url: string): Promise<string> {
  const offer = await offerFor(url);
  expect(offer.status, JSON.stringify(offer.body)).toBe(402);
  return offer.required!.accepts[0].amount;
}
