/**
 * The workflow validates through a module the worker preloads once per thread
 * (workflows/shared-schemas.ts); the SDK deep-freezes preloaded modules. Here it is frozen
 * the same way, and must judge every request exactly as the API's own schemas do.
 */
import { stepNames } from '../../domain/types';
import { actors } from '../support/api-client';
import { aanbodInput, buurt, kennismaking, overdracht, vraagMetZrm, zorgOpAfspraak } from '../support/fixtures';

type Problem = (req: unknown) => string | undefined;

/* eslint-disable @typescript-eslint/no-require-imports -- fresh module instances per copy (jest.isolateModules) */

/** @temporalio/worker 1.24's deepFreeze (lib/workflow/reusable-vm.js), as it freezes preloaded modules. */
function deepFreeze(object: unknown, visited = new WeakSet<object>()): unknown {
  if (object == null || (typeof object !== 'object' && typeof object !== 'function')) return object;
  if (visited.has(object) || Object.isFrozen(object)) return object;
  visited.add(object);
  if (typeof object === 'object') {
    for (const name of [...Object.getOwnPropertyNames(object), ...Object.getOwnPropertySymbols(object)]) {
      const value = (object as Record<string | symbol, unknown>)[name];
      if (value && (typeof value === 'object' || typeof value === 'function')) {
        try {
          deepFreeze(value, visited);
        } catch {
          // as the SDK: some objects cannot be frozen
        }
      }
    }
  }
  return Object.freeze(object);
}

/** A fresh copy of a module as the worker would preload it: loaded, then frozen as the SDK freezes it. */
function preloaded(entry: string, alsoLoaded: string[] = []): { problem: Problem; exports: unknown } {
  let loaded: { problem: Problem; exports: unknown } | undefined;
  jest.isolateModules(() => {
    const mod = require(entry) as { stepRequestProblem: Problem };
    for (const m of [mod, ...alsoLoaded.map((name) => require(name) as unknown)]) deepFreeze(m);
    loaded = { problem: mod.stepRequestProblem, exports: mod };
  });
  return loaded!;
}

function apiCopy(): Problem {
  let problem: Problem | undefined;
  jest.isolateModules(() => {
    problem = (require('../../domain/schemas') as { stepRequestProblem: Problem }).stepRequestProblem;
  });
  return problem!;
}
/* eslint-enable @typescript-eslint/no-require-imports */

const valid: Record<string, unknown[]> = {
  vraag: [vraagMetZrm],
  zorg: [zorgOpAfspraak],
  woonvorm: [{ woonvorm: 'geschikt_wonen', toelichting: 'dicht bij het steunpunt' }],
  buurt: [buurt],
  aanbod: [
    aanbodInput(),
    {
      ...aanbodInput(),
      bezichtigingOp: '2023-06-02',
      plaatsingenInBuurt: 1,
      draagkracht: { maxPlaatsingen: 2, periodeDagen: 365 },
    },
  ],
  reactie: [{ besluit: 'accepteert' }, { besluit: 'weigert', reden: 'te ver van familie' }],
  aanbod_afgekeurd: [{ reden: 'past niet' }],
  doorgeleiding: [{ reden: 'geen zorgwoning', contactpersoon: { naam: 'A. Jansen', organisatie: 'woonstad' } }],
  persoonlijk_contact: [{ datum: '2023-06-01', vervolg: 'bellen' }],
  toewijzing: [{ contractvorm: 'rechtstreeks', ingangsdatum: '2023-07-01' }],
  overdracht: [overdracht],
  overdracht_bevestiging: [{}],
  kennismakingsgesprek: [kennismaking()],
  nazorg: [{ uitkomst: 'stabiel' }],
  ondersteuning: [{ richting: 'opschalen', reden: 'meer begeleiding na een terugval' }],
  omklap: [
    { besluit: 'omgeklapt', datum: '2024-07-01' },
    { besluit: 'verlengd', datum: '2025-01-01', reden: 'begeleiding loopt nog' },
  ],
  nazorg_afsluiting: [{}, { reden: 'stabiel, eerder afgerond in overleg' }],
  verwijzing: [{ reden: 'wlz' }],
  intrekking: [{ reden: 'verhuisd' }],
  opschorting: [{ reden: 'wacht_op_client', toelichting: 'op vakantie' }],
  hervatting: [{}],
  verlenging: [{ werkdagen: 5, reden: 'wacht op stukken' }],
};

const odd = [null, 12345, -1, 1.5, '', 'x\u0000', 'a\u202eb', 'x'.repeat(600), [], {}, true, '2023-02-30'];

/** Each valid input, and each with one field (at the top or one level down) removed or replaced by an odd value. */
function variants(input: unknown): unknown[] {
  const out: unknown[] = [input, undefined, null, 'tekst', [input]];
  if (!input || typeof input !== 'object' || Array.isArray(input)) return out;
  const obj = input as Record<string, unknown>;
  out.push({ ...obj, onbekend: 1 });
  for (const [key, value] of Object.entries(obj)) {
    const { [key]: _gone, ...without } = obj;
    out.push(without);
    for (const v of odd) out.push({ ...obj, [key]: v });
    const inner = Array.isArray(value) ? value[0] : value;
    if (inner && typeof inner === 'object') {
      for (const [k] of Object.entries(inner as Record<string, unknown>)) {
        for (const v of odd.slice(0, 8)) {
          const changed = { ...(inner as Record<string, unknown>), [k]: v };
          out.push({ ...obj, [key]: Array.isArray(value) ? [changed] : changed });
        }
      }
    }
  }
  return out;
}

function requests(): unknown[] {
  const out: unknown[] = [undefined, null, {}, { step: 'verhuizen', input: {}, actor: actors.verhuur }];
  for (const step of stepNames) {
    for (const input of (valid[step] ?? [{}]).flatMap(variants)) out.push({ step, input, actor: actors.verhuur });
    out.push({ step, input: valid[step]?.[0] ?? {}, actor: { ...actors.verhuur, rol: 'admin' } });
    out.push({ step, input: valid[step]?.[0] ?? {}, actor: { ...actors.verhuur, id: 'naam met spaties' } });
  }
  return out;
}

test('every step has a valid sample here, accepted by the API', () => {
  const api = apiCopy();
  expect(stepNames.filter((s) => !valid[s])).toEqual([]);
  for (const step of stepNames) {
    for (const input of valid[step]!)
      expect({ step, problem: api({ step, input, actor: actors.verhuur }) }).toEqual({ step, problem: undefined });
  }
});

test('the preloaded, frozen schemas judge every request as the API does', () => {
  const api = apiCopy();
  const shared = preloaded('../../workflows/shared-schemas');
  expect(Object.isFrozen(shared.exports)).toBe(true);
  const all = requests();
  expect(all.length).toBeGreaterThan(1000);
  let refused = 0;
  for (const req of all) {
    const expected = api(req);
    if (expected) refused += 1;
    expect({ req, problem: shared.problem(req) }).toEqual({ req, problem: expected });
  }
  // The corpus tries both sides of the rules.
  expect(refused).toBeGreaterThan(all.length / 2);
  expect(refused).toBeLessThan(all.length);
});

test('the schemas themselves cannot be preloaded: frozen, zod refuses to run them', () => {
  const frozen = preloaded('../../domain/schemas', ['zod', '../../domain/primitives']);
  expect(() => frozen.problem({ step: 'vraag', input: vraagMetZrm, actor: actors.verhuur })).toThrow(TypeError);
});

test('notes and routing messages, preloaded and frozen, are judged as the domain judges them', () => {
  type Shared = {
    noteProblem: (state: unknown, req: unknown) => string | undefined;
    sideRequestProblem: Problem;
    behandelaarRequestProblem: Problem;
  };
  const shared = preloaded('../../workflows/shared-schemas').exports as Shared;
  /* eslint-disable @typescript-eslint/no-require-imports -- the domain's own copies, as the API loads them */
  const notes = require('../../domain/notes') as typeof import('../../domain/notes');
  const verdeling = require('../../domain/verdeling-schemas') as typeof import('../../domain/verdeling-schemas');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const caseId = '7d3c1f0e-2a4b-4c5d-8e9f-0a1b2c3d4e5f';
  const state = (status: string) =>
    ({
      caseId,
      status,
      partijen: {
        wijkteam: { organisatie: actors.consulent.organisatie },
        zorginstelling: { organisatie: 'zorg-de-brug' },
        corporatie: { organisatie: actors.verhuur.organisatie },
      },
    }) as unknown as Parameters<typeof notes.noteProblem>[0];
  const note = {
    id: '0b9a8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d',
    caseId,
    actor: actors.verhuur,
    tekst: 'Bezichtiging gepland',
    voor: 'alle',
  };
  const side = { zijde: 'corporatie', organisatie: 'woonstad', wijze: 'aanname', actor: actors.verhuur };
  const behandelaar = { actie: 'overdragen', aan: 'u-verh-2', actor: actors.verhuur };
  let refused = 0;
  let total = 0;
  for (const s of [state('lopend'), state('afgesloten')]) {
    for (const req of [...variants(note), { ...note, caseId: '11111111-2222-4333-8444-555555555555' }]) {
      const expected = notes.noteProblem(s, req);
      refused += expected ? 1 : 0;
      total += 1;
      expect({ req, problem: shared.noteProblem(s, req) }).toEqual({ req, problem: expected });
    }
  }
  for (const req of variants(side)) {
    const expected = verdeling.messageProblem(verdeling.sideRequestSchema, req);
    refused += expected ? 1 : 0;
    total += 1;
    expect({ req, problem: shared.sideRequestProblem(req) }).toEqual({ req, problem: expected });
  }
  for (const req of variants(behandelaar)) {
    const expected = verdeling.messageProblem(verdeling.behandelaarRequestSchema, req);
    refused += expected ? 1 : 0;
    total += 1;
    expect({ req, problem: shared.behandelaarRequestProblem(req) }).toEqual({ req, problem: expected });
  }
  expect(refused).toBeGreaterThan(total / 2);
  expect(refused).toBeLessThan(total);
});
