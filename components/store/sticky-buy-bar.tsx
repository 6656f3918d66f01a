"use client";

import { type RefObject, useEffect, useState, useSyncExternalStore } from "react";
import { createPortal } from "react-dom";
import { formatUsdc } from "@/lib/money/usdc";

/** `buys`: the button pays (as the panel's Buy does); otherwise it brings the panel's own buttons into view. */
export type BarAction = { label: string; buys: boolean; disabled?: boolean };

const noSubscription = () => () => {};

/**
 * On phones, the price and the next action (Buy, or Connect) at the bottom of the screen while the
 * buy panel's own buttons are scrolled away. Rendered at the end of <body>, after a spacer of its
 * height, so that it never covers the last lines of the page.
 */
export function StickyBuyBar(props: { price: bigint; watch: RefObject<HTMLElement | null>; action: BarAction; onBuy: () => void }) {
  const { price, watch, action } = props;
  const mounted = useSyncExternalStore(noSubscription, () => true, () => false);
  const [panelInView, setPanelInView] = useState(true);

  useEffect(() => {
    const target = watch.current;
    if (!target) return;
    const observer = new IntersectionObserver(([entry]) => setPanelInView(entry.isIntersecting));
    observer.observe(target);
    return () => observer.disconnect();
  }, [watch]);

  if (!mounted) return null;
  return createPortal(
    <>
      <div aria-hidden="true" className="h-20 md:hidden print:hidden" />
      {!panelInView && (
        <div
          role="region"
          aria-label="Buy bar"
          className="fixed inset-x-0 bottom-0 z-40 flex items-center justify-between gap-3 border-t border-stone-200 bg-white px-4 pt-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] shadow-lg md:hidden print:hidden"
          data-testid="sticky-buy-bar"
        >
          <span className="text-lg font-semibold tabular-nums">{formatUsdc(price)} USDC</span>
          <button
            type="button"
            onClick={() => (action.buys ? props.onBuy() : bringIntoView(watch.current))}
            disabled={action.disabled}
            className="min-h-11 rounded-lg bg-brand px-5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
            data-testid="sticky-buy-action"
          >
            {action.label}
          </button>
        </div>
      )}
    </>,
    document.body,
  );
}

/** Scrolls the panel's buttons to the middle of the screen and puts the keyboard on the first. */
function bringIntoView(element: HTMLElement | null) {
  element?.scrollIntoView({ block: "center", behavior: "smooth" });
  element?.querySelector<HTMLElement>("button, a[href]")?.focus({ preventScroll: true });
}
