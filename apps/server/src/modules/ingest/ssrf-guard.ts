import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';

/** Thrown when a URL or the address it resolves to is one the crawler must not reach. */
export class SsrfBlockedError extends Error {
  readonly code = 'ERR_SSRF_BLOCKED';
  override readonly name = 'SsrfBlockedError';
}

// Only these ipaddr.js ranges are the public internet; everything else (private, loopback,
// link-local with cloud metadata at 169.254.169.254, multicast, reserved, ...) is refused.
const publicRanges = new Set(['unicast', 'global']);

/** Whether an IP address (v4, v6, or IPv4 mapped into v6) is outside the public internet. */
export function isForbiddenAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return true;
  let address = ipaddr.parse(ip);
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) address = v6.toIPv4Address();
    else {
      // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) forms carry an IPv4 address too.
      const parts = v6.parts;
      const embedsV4 =
        (parts.slice(0, 6).every((part) => part === 0) && (parts[6] !== 0 || parts[7]! > 1)) ||
        (parts[0] === 0x64 && parts[1] === 0xff9b && parts.slice(2, 6).every((part) => part === 0));
      if (embedsV4) {
        const v4 = ipaddr.fromByteArray(v6.toByteArray().slice(12));
        if (isForbiddenAddress(v4.toString())) return true;
      }
    }
  }
  return !publicRanges.has(address.range());
}

/** Refuses URLs the crawler must never fetch: non-HTTP schemes, credentials, forbidden literal IPs. */
export function assertUrlAllowed(url: string | URL, allowHosts: readonly string[]): URL {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SsrfBlockedError(`Only http and https URLs can be fetched, not ${parsed.protocol}`);
  }
  if (parsed.username || parsed.password) throw new SsrfBlockedError('URLs with credentials are not fetched');
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (allowHosts.includes(host)) return parsed;
  if (ipaddr.isValid(host) && isForbiddenAddress(host)) {
    throw new SsrfBlockedError(
      `${host} is a private or reserved address; add it to JARVIS_CRAWL_ALLOW_HOSTS to allow it`,
    );
  }
  return parsed;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `dns.lookup` for the HTTP agent: it checks every address a name resolves to at connect time,
 * so the address checked is the address connected to and DNS rebinding cannot slip past.
 */
export function createGuardedLookup(allowHosts: readonly string[]) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (!allowHosts.includes(hostname)) {
        const bad = addresses.find((entry) => isForbiddenAddress(entry.address));
        if (bad) {
          return callback(
            new SsrfBlockedError(`${hostname} resolves to ${bad.address}, a private or reserved address`),
            [],
          );
        }
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
