import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';

/**
 * Where outgoing calls (webhooks) may go. Loopback, private, link-local, CGNAT, multicast and
 * reserved addresses are refused: a webhook URL set by a beheerder must not reach the database,
 * Temporal or a cloud metadata service from inside the network. Tests and local trials that
 * run their receiver on this machine switch it on with WEBHOOK_ALLOW_PRIVATE_TARGETS=true.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

export function privateTargetsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true';
}

/** True for an IP literal in a range no webhook may reach (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '');
  const mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) return blocked.check(ip, 'ipv6');
  return false;
}

const isLocalName = (host: string) =>
  host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || !host.includes('.');

/** What is wrong with a webhook URL's target as written (no DNS), or undefined. */
export function webhookTargetProblem(value: string, allowPrivate = privateTargetsAllowed()): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'an https:// URL';
  }
  if (url.username || url.password) return 'no credentials in the URL: the body is signed instead';
  const host = url.hostname.toLowerCase();
  const local = isPrivateAddress(host) || (isIP(host.replace(/^\[|\]$/g, '')) === 0 && isLocalName(host));
  if (allowPrivate) {
    if (url.protocol === 'https:' || (url.protocol === 'http:' && local)) return undefined;
    return 'an https:// URL (http:// only for a receiver on this machine)';
  }
  if (url.protocol !== 'https:') return 'an https:// URL';
  if (local) return 'not a loopback, private or link-local address: webhooks go to a public https receiver';
  return undefined;
}

/** Resolves a host name the way node:net does; a parameter so a test can stand in for a rebinding DNS server. */
export type Resolver = (
  host: string,
  cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (host, cb) => dnsLookup(host, { all: true }, cb);

/** The `lookup` node:net calls when it connects. */
export type ConnectLookup = (
  host: string,
  options: LookupOneOptions | LookupAllOptions,
  cb: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

/**
 * A `lookup` for http(s).request that refuses private addresses at connect time. Checking a name
 * first and connecting later resolves it twice, and a rebinding DNS server can answer a public
 * address to the check and a private one to the connection; here the address checked is the
 * address connected to.
 */
export function publicOnlyLookup(resolve: Resolver = systemResolver): ConnectLookup {
  return (host, options, cb) => {
    resolve(host, (err, addresses) => {
      if (err) return cb(err, []);
      if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) {
        const refused: NodeJS.ErrnoException = new Error('resolves to a loopback, private or link-local address');
        refused.code = 'EPRIVATETARGET';
        return cb(refused, []);
      }
      if ('all' in options && options.all) return cb(null, addresses);
      const first = addresses[0]!;
      cb(null, first.address, first.family);
    });
  };
}

/** Before sending: the URL as written must be acceptable; the resolved address is checked on connect. */
export function assertTargetAllowed(value: string, allowPrivate = privateTargetsAllowed()): void {
  const problem = webhookTargetProblem(value, allowPrivate);
  if (problem) throw new Error(problem);
}
