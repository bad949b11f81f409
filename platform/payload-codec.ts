import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/**
 * Encrypts every Temporal payload with AES-256-GCM so workflow inputs, results
 * and activity arguments (which hold health data) never rest in Temporal in
 * clear text. The key id travels in the payload so keys can rotate: the first
 * key encrypts, all keys decrypt.
 */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID_METADATA = 'encryption-key-id';
/** Payloads are deflated before encryption: case snapshots are repetitive JSON, and history size is what bounds a long case. */
const COMPRESSION_METADATA = 'encryption-compression';
const DEFLATE = 'deflate-raw';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKey {
  id: string;
  key: Buffer;
}

export function parsePayloadKeys(spec: string): PayloadKey[] {
  const keys = spec.split(',').map((part) => {
    const [id, b64, extra] = part.trim().split(':');
    if (!id || !b64 || extra !== undefined || !/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
      throw new Error('each key is keyId:base64, key ids of letters, digits, . _ -');
    }
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new Error(`key ${id} must be 32 bytes (base64 of 32 random bytes)`);
    return { id, key };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('key ids must be unique');
  return keys;
}

export function generatePayloadKeySpec(id = `k${Date.now().toString(36)}`): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
}

export interface CodecOptions {
  /** Refuse a payload that inflates to more than this (a deflate bomb); unset: no cap (the worker, within Temporal's payload limits). */
  maxInflatedBytes?: number | undefined;
}

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly active: PayloadKey;
  private readonly byId: Map<string, Buffer>;

  constructor(
    private readonly keys: PayloadKey[],
    private readonly options: CodecOptions = {},
  ) {
    const [active] = keys;
    if (!active) throw new Error('at least one payload key is required');
    this.active = active;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** The same keys with a cap on inflated size (for the codec endpoint, which decodes what a client sends). */
  withInflateLimit(maxInflatedBytes: number): AesGcmPayloadCodec {
    return new AesGcmPayloadCodec(this.keys, { ...this.options, maxInflatedBytes });
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.active.key, iv);
      const plain = deflateRawSync(temporal.api.common.v1.Payload.encode(payload).finish());
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(this.active.id),
          [COMPRESSION_METADATA]: Buffer.from(DEFLATE),
        },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      if (!encoding || Buffer.from(encoding).toString() !== ENCRYPTED_ENCODING) return payload;
      const keyId = Buffer.from(payload.metadata?.[KEY_ID_METADATA] ?? []).toString();
      const key = this.byId.get(keyId);
      if (!key) throw new PayloadDecryptionError(`no payload key with id ${keyId}`);
      const data = Buffer.from(payload.data ?? []);
      if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError('encrypted payload too short');
      let decrypted: Buffer;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
        decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
        decrypted = Buffer.concat([
          decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
          decipher.final(),
        ]);
      } catch {
        throw new PayloadDecryptionError('encrypted payload does not authenticate with its key');
      }
      const compressed = Buffer.from(payload.metadata?.[COMPRESSION_METADATA] ?? []).toString() === DEFLATE;
      let plain: Buffer = decrypted;
      if (compressed) {
        try {
          plain = inflateRawSync(
            decrypted,
            this.options.maxInflatedBytes ? { maxOutputLength: this.options.maxInflatedBytes } : {},
          );
        } catch (err) {
          throw new PayloadDecryptionError(
            (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
              ? `payload inflates beyond ${this.options.maxInflatedBytes} bytes`
              : 'payload does not inflate',
          );
        }
      } else if (this.options.maxInflatedBytes && plain.length > this.options.maxInflatedBytes) {
        throw new PayloadDecryptionError(`payload larger than ${this.options.maxInflatedBytes} bytes`);
      }
      try {
        return temporal.api.common.v1.Payload.decode(plain);
      } catch {
        throw new PayloadDecryptionError('decrypted payload is not a Temporal payload');
      }
    });
  }
}
