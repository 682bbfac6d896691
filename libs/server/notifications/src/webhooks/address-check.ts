// SSRF: an endpoint may not reach into the network the worker runs in. Refused: loopback
// (allowed outside production, for receivers on 127.0.0.1), private, carrier-grade NAT,
// link-local (the cloud metadata address 169.254.169.254 among them), unspecified,
// multicast, reserved and documentation ranges, IPv6's equivalents, and IPv4 hidden in
// IPv6 (mapped, compatible, NAT64). The worker resolves the name itself and connects to
// the address it checked, at every attempt, so a rebinding DNS answer gains nothing.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

type Range = [base: bigint, bits: number];

function ipv4(address: string): bigint {
  return address.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

/** The 128 bits of an IPv6 address (with or without an IPv4 tail). */
function ipv6(address: string): bigint {
  let text = address.split('%')[0].toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const v4 = ipv4(tail[1]);
    text = text.slice(0, -tail[1].length) + `${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest === undefined ? [] : rest ? rest.split(':') : [];
  const groups = rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

const v4 = (cidr: string): Range => {
  const [base, bits] = cidr.split('/');
  return [ipv4(base), Number(bits)];
};
const v6 = (cidr: string): Range => {
  const [base, bits] = cidr.split('/');
  return [ipv6(base), Number(bits)];
};

const LOOPBACK_V4 = v4('127.0.0.0/8');
const FORBIDDEN_V4: Range[] = [
  v4('0.0.0.0/8'),
  v4('10.0.0.0/8'),
  v4('100.64.0.0/10'),
  v4('169.254.0.0/16'),
  v4('172.16.0.0/12'),
  v4('192.0.0.0/24'),
  v4('192.0.2.0/24'),
  v4('192.168.0.0/16'),
  v4('198.18.0.0/15'),
  v4('198.51.100.0/24'),
  v4('203.0.113.0/24'),
  v4('224.0.0.0/3'),
];
const LOOPBACK_V6 = v6('::1/128');
const FORBIDDEN_V6: Range[] = [v6('::/128'), v6('fc00::/7'), v6('fe80::/10'), v6('fec0::/10'), v6('ff00::/8'), v6('2001:db8::/32'), v6('100::/64')];
/** Prefixes whose last 32 bits are an IPv4 address: mapped, compatible (deprecated), NAT64. */
const EMBEDS_V4: Range[] = [v6('::ffff:0:0/96'), v6('::/96'), v6('64:ff9b::/96'), v6('64:ff9b:1::/48')];

const within = (value: bigint, [base, bits]: Range, width: number) => value >> BigInt(width - bits) === base >> BigInt(width - bits);

export interface AddressPolicy {
  /** Outside production: receivers on this machine (loopback) are allowed. */
  allowLoopback: boolean;
}

/** Why the worker may not connect to `address` (an IP), or null. */
export function addressProblem(address: string, policy: AddressPolicy): string | null {
  const family = isIP(address);
  if (family === 4) {
    const value = ipv4(address);
    if (within(value, LOOPBACK_V4, 32)) return policy.allowLoopback ? null : `${address} is a loopback address`;
    return FORBIDDEN_V4.some((range) => within(value, range, 32)) ? `${address} is a private, link-local or reserved address` : null;
  }
  if (family === 6) {
    const value = ipv6(address);
    if (within(value, LOOPBACK_V6, 128)) return policy.allowLoopback ? null : `${address} is a loopback address`;
    if (EMBEDS_V4.some((range) => within(value, range, 128))) {
      const embedded = value & 0xffffffffn;
      const dotted = [24n, 16n, 8n, 0n].map((shift) => String((embedded >> shift) & 0xffn)).join('.');
      return addressProblem(dotted, policy);
    }
    return FORBIDDEN_V6.some((range) => within(value, range, 128)) ? `${address} is a private, link-local or reserved address` : null;
  }
  return `${address} is not an IP address`;
}

/** Why `url` may not be an endpoint, from its text alone (scheme, credentials), or null. */
export function urlProblem(url: URL, production: boolean): string | null {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !production)) return production ? 'must use https' : 'must use http or https';
  if (url.username || url.password) return 'may not carry credentials';
  return null;
}

export interface Target {
  address: string;
  family: 4 | 6;
}

/** Resolves the URL's host and checks every address it has; the first one is where to connect. */
export async function resolveTarget(url: URL, policy: AddressPolicy): Promise<Target> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true });
  if (!addresses.length) throw new Error(`${host} does not resolve`);
  for (const { address } of addresses) {
    const problem = addressProblem(address, policy);
    if (problem) throw new Error(`${host}: ${problem}`);
  }
  return { address: addresses[0].address, family: addresses[0].family as 4 | 6 };
}
