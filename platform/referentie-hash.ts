import { createHmac, hkdfSync } from 'node:crypto';
import { normaliseReferentie } from '../domain/referentie';
import { parsePayloadKeys } from './payload-codec';

/** Turns a referentie into the keyed hash the read model stores and searches on. */
export type ReferentieHasher = (referentie: string) => string;

/**
 * HMAC-SHA256 of the normalised referentie under REFERENTIE_HASH_KEY. Without that
 * variable the key is derived (HKDF) from the payload key that encrypts, which suits a
 * trial and the tests; production sets REFERENTIE_HASH_KEY, so rotating the payload
 * keys leaves the hashes as they are. The hash is searched on, never shown.
 */
export function referentieHasher(env: { REFERENTIE_HASH_KEY?: string | undefined; PAYLOAD_KEYS: string }) {
  const key = env.REFERENTIE_HASH_KEY
    ? Buffer.from(env.REFERENTIE_HASH_KEY, 'utf8')
    : Buffer.from(hkdfSync('sha256', parsePayloadKeys(env.PAYLOAD_KEYS)[0]!.key, '', 'referentie-zoeken', 32));
  return (referentie: string): string =>
    createHmac('sha256', key).update(normaliseReferentie(referentie)).digest('base64url');
}
