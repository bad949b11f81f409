import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Payload, PayloadCodec } from '@temporalio/common';
import * as sdk from '@temporalio/common/lib/proto-utils';
import type { History } from '@temporalio/common/lib/proto-utils';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import { ENCRYPTED_ENCODING } from '../../platform/payload-codec';

export type { History };

/*
 * `historyToJSON` / `historyFromJSON` of @temporalio/common 1.24 throw "type must be a Type" in
 * this install: npm keeps two copies of protobufjs 8 (one under @temporalio/common, one under
 * @temporalio/proto, because @grpc/proto-loader puts protobufjs 7 at the top level), and
 * protojson checks `instanceof Type` against its own copy. The same conversion, with the protojson
 * of the copy that built the types, is used when the SDK's functions fail; once the copies are
 * deduplicated the SDK's own functions are used.
 */
interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }): unknown;
}
const sdkWorks = (() => {
  try {
    sdk.historyFromJSON(JSON.parse(sdk.historyToJSON({ events: [] })));
    return true;
  } catch {
    return false;
  }
})();
let fallback: { protojson: ProtoJson; historyType: unknown } | undefined;
function protoJson() {
  if (!fallback) {
    // Loaded lazily, and only for histories the SDK's own parser refuses.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const protoDir = path.dirname(require.resolve('@temporalio/proto/package.json'));
    const protojson = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] })) as ProtoJson;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const root = patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown };
    fallback = { protojson, historyType: root.lookupType('temporal.api.history.v1.History') };
  }
  return fallback;
}

/** Temporal's JSON history format (what `temporal workflow show --output json` and the Web UI download). */
export function historyToJSON(history: History): string {
  if (sdkWorks) return sdk.historyToJSON(history);
  const { protojson, historyType } = protoJson();
  return JSON.stringify(
    protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)),
    null,
    2,
  );
}

export function historyFromJSON(json: unknown): History {
  if (sdkWorks) return sdk.historyFromJSON(json);
  const { protojson, historyType } = protoJson();
  return protojson.fromJson(historyType, json, { ignoreUnknownFields: true }) as History;
}

/**
 * The journeys whose histories are kept in `histories/` and replayed by
 * `replay.test.ts`. Every name needs at least one file `<name>.json` (or
 * `<name>--<label>.json`, e.g. a history kept from an older workflow version).
 * `capture-histories.ts` drives each journey and writes `<name>.json`.
 */
export const journeys = {
  'vv-oudere-gehuisvest':
    'V&V oudere with a vpt-indicatie: geschikt wonen, warme overdracht, nazorg stabiel (closed, gehuisvest)',
  'uitstroom-bw-beschermd-wonen':
    'uitstroom beschermd wonen: a refused woonvorm, beschermd wonen, onderverhuur, nazorg bijgesteld then stabiel (closed)',
  'doorgeleiding-regulier-gehuisvest':
    'doorgeleiding at woonvorm, persoonlijk contact, a toegankelijke woning (closed, gehuisvest)',
  'spoed-zonder-zorginstelling':
    'spoed without a zorginstelling: the consulent records the woonvorm (tijdelijke verhuur), no zorg step (closed, gehuisvest)',
  'zzp-beschermd-wonen':
    'Wlz zzp in beschermd wonen at €700: no passendheidstoets, onderverhuur allocated by the zorgmedewerker (closed)',
  'aanbod-geweigerd-afgekeurd-geaccepteerd':
    'an aanbod declined, one afgekeurd, the third accepted (open, at toewijzing)',
  'intrekking-halverwege': 'withdrawn at woonvorm (closed, ingetrokken)',
  'verwijzing-wlz-intramuraal': 'verwezen to Wlz intramuraal at woonvorm (closed, verwezen)',
  'open-nazorg-onderverhuur':
    'in nazorg after onderverhuur door zorg (open): --voor-nazorg-1 captured before nazorg@1 (no plan, no timers); now with its plan, timers, support scaled up, an omklap verlengd',
  'open-warme-overdracht': 'paused in warme overdracht: overdracht corrected after one confirmation (open)',
  'open-aanbod-conflicten':
    'two aanbiedingen at once (one refused inside the handler) and a reservation that fails in the activity (open, at aanbod)',
  'opschorting-verlenging':
    'opgeschort and resumed in zorg, the woonvorm norm extended, then withdrawn (closed, ingetrokken)',
  'open-zijden-verdeeld':
    'both sides left open at aanmelding: before routing-1 the first zorg and buurt steps took them; since, a zorginstelling and a corporatie of the werkgebied accept them (open, at aanbod)',
} as const;
export type JourneyName = keyof typeof journeys;

export const historiesDir = path.join(__dirname, 'histories');

const fileName = /^([a-z0-9-]+?)(?:--[a-z0-9.-]+)?\.json$/;

export interface StoredHistory {
  file: string;
  journey: string;
  history: History;
}

/** Every stored history, parsed; `journey` is the file name without `--label` and `.json`. */
export function loadHistories(dir = historiesDir): StoredHistory[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const match = fileName.exec(file);
      if (!match) throw new Error(`${file}: history files are named <journey>.json or <journey>--<label>.json`);
      return {
        file,
        journey: match[1]!,
        history: historyFromJSON(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))),
      };
    });
}

/** The base64 of the encrypted payloads' encoding, as it appears in a history file that still holds ciphertext. */
export const ENCRYPTED_MARKER = Buffer.from(ENCRYPTED_ENCODING).toString('base64');

const isEncrypted = (node: Record<string, unknown>): boolean => {
  const metadata = node.metadata as Record<string, unknown> | null | undefined;
  const encoding = metadata?.encoding;
  return encoding instanceof Uint8Array && Buffer.from(encoding).toString() === ENCRYPTED_ENCODING;
};

/**
 * Decodes, in place, every encrypted payload anywhere in a history: workflow
 * input and result, update arguments and outcomes, activity inputs and results,
 * and failures' encoded attributes (message and stack). What is left is plain
 * json/plain payloads, readable by a replay worker with or without the codec.
 * Worker identities (pid@host) are replaced: they mean nothing to a replay.
 */
export async function decodeHistory<T>(node: T, codec: PayloadCodec): Promise<T> {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = await decodeHistory(node[i], codec);
    return node;
  }
  if (!node || typeof node !== 'object' || node instanceof Uint8Array) return node;
  const obj = node as Record<string, unknown>;
  if (isEncrypted(obj)) {
    const [plain] = await codec.decode([obj as Payload]);
    return plain as T;
  }
  for (const [key, value] of Object.entries(obj)) {
    obj[key] = key === 'identity' && typeof value === 'string' ? 'replay-capture' : await decodeHistory(value, codec);
  }
  return node;
}
