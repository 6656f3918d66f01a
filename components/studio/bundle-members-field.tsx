"use client";

import { useId } from "react";

export type BundleCandidate = { slug: string; title: string };

/** The creator's published items as checkboxes: what a bundle includes, in the order listed. */
export function BundleMembersField({
  candidates,
  value,
  onChange,
  error,
}: {
  candidates: BundleCandidate[];
  value: string[];
  onChange: (slugs: string[]) => void;
  error?: string;
}) {
  const id = useId();
  const toggle = (slug: string, checked: boolean) =>
    onChange(checked ? candidates.map((item) => item.slug).filter((each) => each === slug || value.includes(each)) : value.filter((each) => each !== slug));
  return (
    <fieldset className="flex flex-col gap-1 text-sm" aria-describedby={error ? `${id}-error` : `${id}-hint`} data-testid="bundle-members-field">
      <legend className="font-medium">Included items</legend>
      {candidates.length === 0 && <p className="text-stone-600">Publish at least two items first: a bundle includes your published items.</p>}
      {candidates.map((item) => (
        <label key={item.slug} className="flex min-h-11 items-center gap-2">
          <input
            type="checkbox"
            name="bundleItems"
            value={item.slug}
            checked={value.includes(item.slug)}
            onChange={(event) => toggle(item.slug, event.target.checked)}
            aria-invalid={error ? true : undefined}
            className="size-5"
          />
          <span className="wrap-anywhere">{item.title}</span>
        </label>
      ))}
      {error ? (
        <span id={`${id}-error`} className="text-red-700" data-testid="field-error">
          {error}
        </span>
      ) : (
        <span id={`${id}-hint`} className="text-stone-500">
          Buyers get every item chosen here, each also from its own page. Once the bundle sells, this list is fixed.
        </span>
      )}
    </fieldset>
  );
}
