import { readFileSync } from 'node:fs';
import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, parsePayloadKeys } from './payload-codec';
import type { SharedEnv } from './env';

/** The same converter on client and worker, or neither can read the other's payloads. */
export function dataConverterFor(env: Pick<SharedEnv, 'PAYLOAD_KEYS'>): DataConverter {
  return {
    payloadCodecs: [new AesGcmPayloadCodec(parsePayloadKeys(env.PAYLOAD_KEYS))],
    failureConverterPath: require.resolve('../workflows/failure-converter'),
  };
}

/** Connection options for a local dev server, a self-hosted cluster with mTLS, or Temporal Cloud with an API key. */
export function connectionOptionsFor(env: SharedEnv) {
  const tls =
    env.TEMPORAL_TLS_CERT && env.TEMPORAL_TLS_KEY
      ? { clientCertPair: { crt: readFileSync(env.TEMPORAL_TLS_CERT), key: readFileSync(env.TEMPORAL_TLS_KEY) } }
      : env.TEMPORAL_API_KEY
        ? true
        : undefined;
  return {
    address: env.TEMPORAL_ADDRESS,
    ...(tls ? { tls } : {}),
    ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
  };
}
