import { isIPv6 } from 'node:net';

/** Where a request comes from, as the services see it (no HTTP types below the controller). */
export interface ClientContext {
  /** The client's address (the proxy's X-Forwarded-For when TRUST_PROXY names the proxy). */
  address: string;
  userAgent: string | null;
}

/** Longest address and user agent stored (a trusted proxy passes on whatever it was sent). */
export const MAX_ADDRESS_LENGTH = 64;
export const MAX_USER_AGENT_LENGTH = 512;

/**
 * The address failed logins are counted against. An IPv4 address is itself; an IPv6 address
 * counts as its /64 network, because one host is usually handed a whole /64 and could otherwise
 * try a fresh address for every guess.
 */
export function throttleAddressOf(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address.slice(0, MAX_ADDRESS_LENGTH);
  const network = ipv6Groups(address)
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':');
  return `${network}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (zone dropped, `::` and IPv4 tail expanded). */
function ipv6Groups(address: string): number[] {
  const [head, tail] = address.split('%')[0].split('::');
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const [a, b, c, d] = group.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const left = parse(head);
  if (tail === undefined) return left;
  const right = parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
