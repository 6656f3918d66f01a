import Image from "next/image";
import type { Creator } from "@/db/schema";
import { avatarPath } from "@/lib/catalog/paths";

/** The creator's uploaded picture, or their initials in a circle; decorative beside their name. */
export function CreatorAvatar({ creator, size }: { creator: Pick<Creator, "handle" | "displayName" | "avatarKey" | "updatedAt">; size: number }) {
  const style = { width: size, height: size };
  if (creator.avatarKey) {
    return (
      <Image
        src={avatarPath(creator.handle, creator.updatedAt)}
        alt=""
        width={size}
        height={size}
        unoptimized
        style={style}
        className="shrink-0 rounded-full border border-stone-200 object-cover"
        data-testid="creator-avatar"
      />
    );
  }
  const initials = creator.displayName
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => word.charAt(0).toUpperCase())
    .join("");
  return (
    <span
      aria-hidden="true"
      style={{ ...style, fontSize: size / 2.6 }}
      className="flex shrink-0 items-center justify-center rounded-full bg-brand/10 font-semibold text-brand-dark"
      data-testid="creator-initials"
    >
      {initials}
    </span>
  );
}
