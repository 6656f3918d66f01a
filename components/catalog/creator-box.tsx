import Link from "next/link";
import type { Creator } from "@/db/schema";
import { creatorPath } from "@/lib/catalog/paths";
import { CreatorAvatar } from "./creator-avatar";

const DATE = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/**
 * Who sells the item, for trust before paying: avatar, name (to their page), bio, how many times
 * the item sold when the creator chose to show it (null otherwise), and when it last changed.
 */
export function CreatorBox({ creator, sales, updatedAt }: { creator: Creator; sales: number | null; updatedAt: Date }) {
  return (
    <div className="flex items-start gap-3" data-testid="creator-box">
      <CreatorAvatar creator={creator} size={48} />
      <div className="flex min-w-0 flex-col gap-0.5 text-sm">
        <p className="text-base">
          by{" "}
          <Link href={creatorPath(creator.handle)} className="font-medium text-brand underline-offset-2 hover:underline">
            {creator.displayName}
          </Link>
        </p>
        {creator.bio && <p className="line-clamp-2 text-stone-600">{creator.bio}</p>}
        <p className="text-stone-500">
          {sales !== null && (
            <>
              <span data-testid="sales-count">{sales === 0 ? "No sales yet" : `Sold ${sales} ${sales === 1 ? "time" : "times"}`}</span>
              {" · "}
            </>
          )}
          Updated <time dateTime={updatedAt.toISOString()} data-testid="item-updated">{DATE.format(updatedAt)}</time>
        </p>
      </div>
    </div>
  );
}
