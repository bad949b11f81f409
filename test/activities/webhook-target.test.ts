import { createServer, type AddressInfo, type Server } from 'node:net';
import { createNotifier } from '../../activities/notifications/notifier';
import type { Resolver } from '../../platform/network-targets';

/**
 * A webhook's host name is resolved once, as the socket connects, and that address is the one
 * checked: a DNS server that answers a public address to a check and a private one to the
 * connection (DNS rebinding) gets nowhere. No rebinding DNS server runs here, so the resolver is
 * a function the notifier takes; the socket, the refusal and the receiver are real.
 */
let server: Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  server = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  connections = 0;
});

/** Answers `answers[n]` to the n-th question, then the last one again. */
function dns(...answers: string[]) {
  const asked: string[] = [];
  const resolver: Resolver = (host, cb) => {
    const address = answers[Math.min(asked.length, answers.length - 1)]!;
    asked.push(host);
    queueMicrotask(() => cb(null, [{ address, family: address.includes(':') ? 6 : 4 }]));
  };
  return { resolver, asked };
}

const post = (resolver: Resolver, allowPrivateTargets = false) =>
  createNotifier({
    appBaseUrl: 'https://toewijzing.example.nl/',
    webhookSecret: 'test-webhook-secret-0123456789abcdef',
    webhookTimeoutMs: 2_000,
    allowPrivateTargets,
    webhookResolver: resolver,
  }).webhook!.post(`https://hooks.example.nl:${port}/hook`, '{}', 'delivery-1');

test('a public-looking name that resolves to loopback is refused before any connection', async () => {
  const { resolver, asked } = dns('127.0.0.1');
  await expect(post(resolver)).rejects.toThrow(/doel geweigerd \(resolves to a loopback/);
  expect(connections).toBe(0);
  expect(asked).toEqual(['hooks.example.nl']);
});

test('a rebinding answer (public first, loopback next) is checked on the one lookup the connection uses', async () => {
  // The old check-then-fetch asked twice and connected to the second answer.
  const { resolver, asked } = dns('127.0.0.1', '93.184.216.34');
  await expect(post(resolver)).rejects.toThrow(/doel geweigerd/);
  expect(asked).toHaveLength(1);
  expect(connections).toBe(0);
});

test.each(['10.1.2.3', '169.254.169.254', '::1', '::ffff:127.0.0.1', 'fd00::1'])(
  'an answer of %s is refused',
  async (address) => {
    await expect(post(dns(address).resolver)).rejects.toThrow(/doel geweigerd/);
    expect(connections).toBe(0);
  },
);

test('with private targets explicitly allowed the same answer connects (the refusal above is the guard)', async () => {
  const { resolver } = dns('127.0.0.1');
  // Allowed targets use the system resolver: `hooks.example.nl` does not resolve here, so use the literal.
  await expect(
    createNotifier({
      appBaseUrl: 'https://toewijzing.example.nl/',
      webhookSecret: 'test-webhook-secret-0123456789abcdef',
      webhookTimeoutMs: 2_000,
      allowPrivateTargets: true,
      webhookResolver: resolver,
    }).webhook!.post(`http://127.0.0.1:${port}/hook`, '{}', 'delivery-2'),
  ).rejects.toThrow(/verbinding mislukt/);
  expect(connections).toBe(1);
});
