import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Thrown when a URL, or an address its host resolves to, is one the crawler must not reach. */
export class SsrfBlockedError extends Error {
  readonly code = 'ERR_SSRF_BLOCKED';
  override readonly name = 'SsrfBlockedError';
}

/**
 * Whether an IP address lies outside the public internet: loopback, private, carrier-grade NAT,
 * link-local (cloud metadata at 169.254.169.254), multicast, unspecified, broadcast, reserved and
 * documentation ranges, IPv6 unique-local and site-local, and any IPv6 form that carries one of
 * those IPv4 addresses (mapped, compatible, NAT64, 6to4). Anything that does not parse is forbidden.
 */
export function isForbiddenAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return true;
  const address = ipaddr.parse(ip);
  if (address.kind() === 'ipv4') return address.range() !== 'unicast';
  const v6 = address as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  if (embedded) return isForbiddenAddress(embedded);
  // ipaddr.js names every special-purpose IPv6 block (teredo, local-use NAT64, discard, ...);
  // only the plain global unicast space is the public internet.
  return v6.range() !== 'unicast';
}

/** The IPv4 address an IPv6 address stands for, when it is one of the forms that tunnel to IPv4. */
function embeddedIPv4(address: ipaddr.IPv6): string | undefined {
  const bytes = address.toByteArray();
  const last32 = () => ipaddr.fromByteArray(bytes.slice(12)).toString();
  const range = address.range();
  // ::ffff:a.b.c.d, ::ffff:0:a.b.c.d (RFC 6145) and 64:ff9b::a.b.c.d (RFC 6052 well-known NAT64).
  if (range === 'ipv4Mapped' || range === 'rfc6145') return last32();
  if (range === 'rfc6052' && address.parts[2] === 0) return last32();
  // 2002:aabb:ccdd::/48 (6to4) routes to a.b.c.d through a relay.
  if (range === '6to4') return ipaddr.fromByteArray(bytes.slice(2, 6)).toString();
  // ::a.b.c.d (deprecated IPv4-compatible); :: and ::1 are not of this form.
  const compatible = address.parts.slice(0, 6).every((part) => part === 0);
  if (compatible && range !== 'unspecified' && range !== 'loopback') return last32();
  return undefined;
}

/** Host names (and literal addresses) the operator allowed although they are private. */
function allows(allowHosts: readonly string[], host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return allowHosts.some((allowed) => allowed.replace(/^\[|\]$/g, '').toLowerCase() === bare);
}

/**
 * Refuses URLs the crawler must never fetch: schemes other than http and https, credentials in the
 * URL, and literal IP addresses outside the public internet unless the host is in `allowHosts`.
 * Host names are checked later, when the connection resolves them (see `createGuardedLookup`).
 */
export function assertUrlAllowed(url: string | URL, allowHosts: readonly string[]): URL {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SsrfBlockedError(
      `Only http and https URLs can be fetched, not ${parsed.protocol} (${parsed.href})`,
    );
  }
  if (parsed.username || parsed.password) {
    throw new SsrfBlockedError(`URLs with credentials are not fetched (${parsed.host})`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (allows(allowHosts, host)) return parsed;
  // The WHATWG parser has already turned 0x7f.1, 2130706433 and friends into dotted decimal.
  if (ipaddr.isValid(host) && isForbiddenAddress(host)) {
    throw new SsrfBlockedError(
      `${host} is a private or reserved address; add it to the crawl's allowed hosts to fetch it`,
    );
  }
  return parsed;
}

/**
 * A `dns.lookup` replacement for HTTP agents and sockets. It resolves every address of the name and
 * fails with `ERR_SSRF_BLOCKED` if any of them is forbidden, unless the host name is in `allowHosts`.
 * Because it runs when the connection is made, the address checked is the address connected to:
 * a name that answers with a public address to a pre-check and a private one later (DNS rebinding)
 * cannot slip past.
 */
export function createGuardedLookup(allowHosts: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, []);
      if (!allows(allowHosts, hostname)) {
        const forbidden = addresses.find((entry) => isForbiddenAddress(entry.address));
        if (forbidden) {
          const blocked = new SsrfBlockedError(
            `${hostname} resolves to ${forbidden.address}, a private or reserved address; add ${hostname} to the crawl's allowed hosts to fetch it`,
          );
          return callback(blocked, []);
        }
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}
