import type { Metadata } from "next";
import { StudioPageHeader } from "@/components/studio/studio-page-header";
import { StudioSignIn } from "@/components/studio/studio-sign-in";
import { WebhookEndpointList } from "@/components/studio/webhook-endpoint-list";
import { WebhookForm } from "@/components/studio/webhook-form";
import { getWebhookEndpoints } from "@/db/queries/webhooks";
import { currentCreator } from "@/lib/studio/current-creator";
import { webhooksMayUseLoopback } from "@/lib/webhooks/devnet";
import { endpointJson } from "@/lib/webhooks/endpoint-json";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhooks — Creator studio" };

export default async function WebhooksPage() {
  const creator = await currentCreator();
  if (!creator) return <StudioSignIn />;
  const endpoints = (await getWebhookEndpoints({ creatorId: creator.id })).map(endpointJson);
  return (
    <div className="flex flex-col gap-6">
      <StudioPageHeader title="Webhooks">
        <p className="max-w-2xl text-sm text-stone-600">
          The store POSTs a signed JSON event to your endpoints when a sale settles (<code>sale.settled</code>) and when you record a refund
          (<code>refund.recorded</code>). Check <code>X-Storefront-Signature</code> (<code>t=…,v1=…</code>: HMAC-SHA256 of <code>t.body</code> under
          the endpoint&apos;s secret) and deduplicate by the event&apos;s <code>id</code>: a failed delivery is retried with the same id for 24 hours.
        </p>
      </StudioPageHeader>
      <WebhookForm devnet={webhooksMayUseLoopback()} />
      <WebhookEndpointList endpoints={endpoints} />
    </div>
  );
}
