import {
  AesGcmPayloadCodec,
  generatePayloadKeySpec,
  parsePayloadKeys,
  PayloadDecryptionError,
} from '../../platform/payload-codec';
import { parseEnv, sharedEnvSchema, ConfigError } from '../../platform/env';

const payload = (text: string) => ({ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(text) });

test('encodes to ciphertext and decodes back', async () => {
  const codec = new AesGcmPayloadCodec(parsePayloadKeys(generatePayloadKeySpec('a')));
  const [encoded] = await codec.encode([payload('{"doelgroep":"ggz"}')]);
  expect(Buffer.from(encoded!.data!).toString('latin1')).not.toContain('ggz');
  expect(Buffer.from(encoded!.metadata!['encryption-key-id']!).toString()).toBe('a');
  const [decoded] = await codec.decode([encoded!]);
  expect(Buffer.from(decoded!.data!).toString()).toBe('{"doelgroep":"ggz"}');
});

test('rotates keys: old payloads still decode once a new key encrypts', async () => {
  const oldSpec = generatePayloadKeySpec('old');
  const [old] = await new AesGcmPayloadCodec(parsePayloadKeys(oldSpec)).encode([payload('x')]);
  const rotated = new AesGcmPayloadCodec(parsePayloadKeys(`${generatePayloadKeySpec('new')},${oldSpec}`));
  const [fresh] = await rotated.encode([payload('y')]);
  expect(Buffer.from(fresh!.metadata!['encryption-key-id']!).toString()).toBe('new');
  const decoded = await rotated.decode([old!, fresh!]);
  expect(decoded.map((p) => Buffer.from(p.data!).toString())).toEqual(['x', 'y']);
});

test('refuses tampered data and unknown keys', async () => {
  const codec = new AesGcmPayloadCodec(parsePayloadKeys(generatePayloadKeySpec('a')));
  const [encoded] = await codec.encode([payload('secret')]);
  const tampered = { ...encoded!, data: Buffer.from(encoded!.data!) };
  tampered.data[14] = tampered.data[14]! ^ 1;
  await expect(codec.decode([tampered])).rejects.toThrow();
  const other = new AesGcmPayloadCodec(parsePayloadKeys(generatePayloadKeySpec('b')));
  await expect(other.decode([encoded!])).rejects.toBeInstanceOf(PayloadDecryptionError);
});

test('a bad environment is refused with a message naming the variable', () => {
  const env = { DATABASE_URL: 'mysql://x', TEMPORAL_ADDRESS: 'no-port', PAYLOAD_KEYS: 'k:c2hvcnQ=' };
  expect(() => parseEnv(sharedEnvSchema, env)).toThrow(ConfigError);
  try {
    parseEnv(sharedEnvSchema, env);
  } catch (e) {
    const message = (e as Error).message;
    expect(message).toMatch(/DATABASE_URL: a postgresql:\/\/ connection URL/);
    expect(message).toMatch(/TEMPORAL_ADDRESS: host:port/);
    expect(message).toMatch(/PAYLOAD_KEYS: key k must be 32 bytes/);
  }
});
