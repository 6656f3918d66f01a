import { isIPv4, isIPv6 } from "node:net";
import { clientAddress } from "@/lib/http/client-address";

/** The eight 16-bit groups of an IPv6 address, `::` expanded; null when it is not one. */
function ipv6Groups(address: string): string[] | null {
  if (!isIPv6(address)) return null;
  const [head, tail] = address.split("::");
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  if (tail === undefined) return groups(head);
  const [left, right] = [groups(head), groups(tail)];
  return [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
}

/**
 * Whom a request's allowance belongs to. An IPv6 client usually holds a whole /64 (a home or a
 * cloud VM gets 2^64 addresses), so counting per address would give it endless allowances: the
 * key is its /64 prefix. IPv4 (also when mapped into IPv6) counts per address.
 */
export function rateLimitSubject(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  const groups = ipv6Groups(address.replace(/%.*$/, ""));
  if (!groups || groups.some((group) => group.includes("."))) return address;
  return `${groups
    .slice(0, 4)
    .map((group) => (Number.parseInt(group, 16) || 0).toString(16))
    .join(":")}::/64`;
}

/** The rate-limit subject of the client behind a request (the address our server recorded). */
export function clientSubject(request: Request): string {
  return rateLimitSubject(clientAddress(request.headers));
}
