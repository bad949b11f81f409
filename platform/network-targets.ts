import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';

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

/** At send time: the name must not resolve to a private address either (a DNS name can point anywhere). */
export async function assertPublicTarget(value: string, allowPrivate = privateTargetsAllowed()): Promise<void> {
  const problem = webhookTargetProblem(value, allowPrivate);
  if (problem) throw new Error(problem);
  if (allowPrivate) return;
  const host = new URL(value).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
  if (addresses.some((a) => isPrivateAddress(a.address)))
    throw new Error('resolves to a loopback, private or link-local address');
}
