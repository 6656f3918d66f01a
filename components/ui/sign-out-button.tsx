"use client";

import { useRouter } from "next/navigation";

/** Ends a session (library or studio) by deleting it at its endpoint, then re-renders the page. */
export function SignOutButton({ sessionPath }: { sessionPath: "/api/library/session" | "/api/studio/session" }) {
  const router = useRouter();
  return (
    <button
      type="button"
      className="text-sm text-stone-600 underline"
      onClick={async () => {
        await fetch(sessionPath, { method: "DELETE" });
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
