"use client";

import { useState } from "react";
import { PRIMARY_BUTTON_CLASS } from "@/components/ui/button-class";
import { formatBytes } from "@/lib/format/bytes";
import { formatUsdc } from "@/lib/money/usdc";

/** Links and small buttons still get a 44 px tall tap area on phones. */
const TAP_TARGET = "inline-flex min-h-11 items-center";

export type LibraryFile = { id: string; fileName: string; sizeBytes: number };

/**
 * What a wallet that already bought the item sees instead of *Buy*: "You own this", a download
 * that costs nothing (the library session's links when this wallet is signed in to the library,
 * else one Sign-In-With-X signature on the download URL), and buying again only behind a
 * confirmation that says it charges again.
 */
export function OwnedPanel(props: {
  price: bigint;
  libraryFiles: LibraryFile[] | null;
  onDownload: () => void;
  downloading: boolean;
  onBuyAgain: () => void;
  buying: boolean;
}) {
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-green-200 bg-green-50 p-3 text-sm text-green-950" data-testid="owned-panel">
      <p className="text-base font-semibold">You own this</p>
      <p>This wallet has bought it. Download it again at no charge.</p>
      {props.libraryFiles ? (
        <ul className="flex flex-col gap-1">
          {props.libraryFiles.map((file) => (
            <li key={file.id} className="min-w-0">
              <a href={`/api/library/files/${file.id}`} download={file.fileName} className={`${TAP_TARGET} break-all font-medium text-brand underline`}>
                Download {file.fileName} ({formatBytes(file.sizeBytes)})
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <button type="button" onClick={props.onDownload} disabled={props.downloading} className={`${PRIMARY_BUTTON_CLASS} min-h-11`} data-testid="owned-download">
          {props.downloading ? "Downloading…" : "Download"}
        </button>
      )}
      {!props.libraryFiles && <p className="text-green-900">Your wallet asks for one free signature (no transaction) to prove it is yours.</p>}
      <div className="flex flex-wrap gap-x-6">
        <a href="/library" className={`${TAP_TARGET} underline`}>
          My library
        </a>
        <BuyAgain price={props.price} onConfirm={props.onBuyAgain} buying={props.buying} />
      </div>
    </div>
  );
}

function BuyAgain({ price, onConfirm, buying }: { price: bigint; onConfirm: () => void; buying: boolean }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} disabled={buying} className={`${TAP_TARGET} text-stone-700 underline disabled:opacity-60`}>
        {buying ? "Confirm in your wallet…" : "Buy again"}
      </button>
    );
  }
  return (
    <div role="group" aria-label="Confirm buying again" className="flex basis-full flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="buy-again-confirm">
      <p>You already own this. Buying again charges {formatUsdc(price)} USDC a second time for the same files.</p>
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          onClick={() => {
            setOpen(false);
            onConfirm();
          }}
          className="rounded-lg bg-amber-600 px-4 py-2 font-semibold text-white hover:bg-amber-700"
        >
          Pay {formatUsdc(price)} USDC again
        </button>
        <button type="button" onClick={() => setOpen(false)} className="rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium">
          Cancel
        </button>
      </div>
    </div>
  );
}
