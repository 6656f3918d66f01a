import type { Metadata } from "next";
import Link from "next/link";
import { CreatorAvatar } from "@/components/catalog/creator-avatar";
import { AvatarUpload } from "@/components/studio/avatar-upload";
import { ProfileForm } from "@/components/studio/profile-form";
import { StudioPageHeader } from "@/components/studio/studio-page-header";
import { StudioSignIn } from "@/components/studio/studio-sign-in";
import { creatorPath } from "@/lib/catalog/paths";
import { currentCreator } from "@/lib/studio/current-creator";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Profile — Creator studio" };

export default async function ProfilePage() {
  const creator = await currentCreator();
  if (!creator) return <StudioSignIn />;
  return (
    <div className="flex flex-col gap-6">
      <StudioPageHeader title="Profile and payout">
        <p className="text-sm text-stone-600">
          Your public page: <Link href={creatorPath(creator.handle)} className="text-brand underline">{creatorPath(creator.handle)}</Link>
        </p>
      </StudioPageHeader>
      <AvatarUpload hasAvatar={creator.avatarKey !== null}>
        <CreatorAvatar creator={creator} size={80} />
      </AvatarUpload>
      <ProfileForm
        profile={{ displayName: creator.displayName, payoutAddress: creator.payoutAddress, bio: creator.bio, showSalesCount: creator.showSalesCount }}
      />
    </div>
  );
}
