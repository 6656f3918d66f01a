import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/db/schema";
import { resolveWebhookTarget } from "./resolve-target";

/** Plain http is for a receiver on the developer's own machine, on the devnet only. */
const DEVNET_LOOPBACK = "127.0.0.1";

/** The shape of a new endpoint; `devnet` decides whether http://127.0.0.1 is allowed. */
export function webhookEndpointSchema({ devnet }: { devnet: boolean }) {
  return z.strictObject({
    url: z
      .string()
      .trim()
      .max(2000, "must be at most 2,000 characters")
      .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL, such as https://example.com/hooks" }))
      .superRefine((value, context) => {
        // zod runs this after a failed pipe too, with the raw string.
        if (!URL.canParse(value)) return;
        const url = new URL(value);
        if (url.username || url.password) context.addIssue({ code: "custom", message: "must not contain a user name or password" });
        const loopback = url.hostname === DEVNET_LOOPBACK;
        if (loopback && !devnet) context.addIssue({ code: "custom", message: "must not point at this machine (127.0.0.1 is allowed on the devnet only)" });
        if (url.protocol === "http:" && !(devnet && loopback)) {
          context.addIssue({ code: "custom", message: devnet ? "must use https (plain http only to 127.0.0.1)" : "must use https" });
        }
      })
      .transform((value) => {
        const url = new URL(value);
        url.hash = "";
        return url.toString();
      }),
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `must be ${WEBHOOK_EVENT_TYPES.join(" or ")}` }), { error: "choose at least one event" })
      .min(1, "choose at least one event")
      .transform((events) => [...new Set(events)]),
  });
}

export type WebhookEndpointInput = z.output<ReturnType<typeof webhookEndpointSchema>>;

/** The URL's host must resolve, and only to addresses a webhook may reach: a field error otherwise. */
export async function checkWebhookHost(url: string, { devnet }: { devnet: boolean }): Promise<string | null> {
  const target = await resolveWebhookTarget(new URL(url), { allowLoopback: devnet });
  if (target.ok) return null;
  return target.reason === "host_unresolvable"
    ? "its host does not resolve to an address"
    : "its host resolves to a private, loopback or link-local address, which webhooks may not reach";
}
