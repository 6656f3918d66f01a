import Link from "next/link";

export default function NotFound() {
  return (
    <div className="flex flex-col items-start gap-3">
      <h1 className="text-2xl font-bold">Not found</h1>
      <p className="text-stone-600">There is no such item or creator in this store.</p>
      <Link href="/" className="text-brand hover:underline">
        Back to the catalog
      </Link>
    </div>
  );
}
