import type { ReactNode } from "react";

/** A labelled form control with its hint and, after a refused save, the server's message for it. */
export function FormField({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      {children}
      {hint && !error && <span className="text-stone-500">{hint}</span>}
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
    </label>
  );
}

export const INPUT_CLASS = "rounded-lg border border-stone-300 bg-white px-3 py-2 text-base";
