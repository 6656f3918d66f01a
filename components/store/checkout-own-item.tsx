/** What the item's creator sees where buyers see *Buy*: no way to pay themselves, a way to the studio. */
export function OwnItemNotice({ studioHref }: { studioHref: string }) {
  return (
    <div className="flex flex-col gap-1 rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-950" data-testid="own-item">
      <p className="text-base font-semibold">This is your item</p>
      <p>The connected wallet created it, so there is nothing to buy. Buyers see the price and a Buy button here.</p>
      <a href={studioHref} className="inline-flex min-h-11 items-center self-start font-semibold text-brand underline">
        Edit it in the studio
      </a>
    </div>
  );
}
