import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { actors } from '../support/api-client';
import { overdracht, vraag, vvOudere, woningSnapshot } from '../support/fixtures';
import { useHarness } from '../support/harness';
import { recordStepUpdate, StepFailureType } from '../../workflows/messages';
import { workflowIdFor } from '../../prisma/case-repository';
import { woonvormen } from '../../domain/types';

const t = useHarness();

/** Every character no text field takes: C0 and C1 controls but tab/CR/LF, bidi overrides and isolates, lone surrogates. */
const refused: string[] = [];
for (let c = 0; c <= 0x9f; c++)
  if ((c < 0x20 && ![0x09, 0x0a, 0x0d].includes(c)) || c >= 0x7f) refused.push(String.fromCharCode(c));
for (let c = 0x202a; c <= 0x202e; c++) refused.push(String.fromCharCode(c));
for (let c = 0x2066; c <= 0x2069; c++) refused.push(String.fromCharCode(c));
refused.push('\uD800', '\uDBFF', '\uDC00', '\uDFFF');
const show = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** A valid input per step with free text, and the paths of its text fields. */
const textSteps: Array<{ step: string; input: Record<string, unknown>; paths: string[][] }> = [
  { step: 'woonvorm', input: { woonvorm: woonvormen[0], toelichting: 'past bij de vraag' }, paths: [['toelichting']] },
  { step: 'reactie', input: { besluit: 'weigert', reden: 'te ver van werk' }, paths: [['reden']] },
  { step: 'aanbod_afgekeurd', input: { reden: 'past niet' }, paths: [['reden']] },
  {
    step: 'doorgeleiding',
    input: { reden: 'andere zorg nodig', contactpersoon: { naam: 'M. de Vries', organisatie: 'zorg-de-brug' } },
    paths: [['reden'], ['contactpersoon', 'naam']],
  },
  { step: 'persoonlijk_contact', input: { datum: '2023-06-01', vervolg: 'belt terug' }, paths: [['vervolg']] },
  {
    step: 'overdracht',
    input: overdracht,
    paths: [
      ['woonplek'],
      ['begeleidingsafspraken', '0', 'wie'],
      ['begeleidingsafspraken', '0', 'wat'],
      ['contactpersonen', '0', 'rol'],
      ['contactpersonen', '0', 'naam'],
      ['signaleringsafspraken', '0', 'afspraak'],
    ],
  },
  { step: 'nazorg', input: { uitkomst: 'stabiel', toelichting: 'gaat goed' }, paths: [['toelichting']] },
  { step: 'ondersteuning', input: { richting: 'opschalen', reden: 'terugval' }, paths: [['reden']] },
  { step: 'omklap', input: { besluit: 'verlengd', datum: '2024-01-01', reden: 'nog niet zover' }, paths: [['reden']] },
  { step: 'nazorg_afsluiting', input: { reden: 'verhuisd' }, paths: [['reden']] },
  { step: 'verwijzing', input: { reden: 'elders beter' }, paths: [['reden']] },
  { step: 'intrekking', input: { reden: 'verhuisd' }, paths: [['reden']] },
  { step: 'opschorting', input: { reden: 'opname', toelichting: 'kort' }, paths: [['toelichting']] },
  { step: 'verlenging', input: { werkdagen: 5, reden: 'meer tijd nodig' }, paths: [['reden']] },
];
/** Only straight to Temporal: through the API an aanbod names a woning id, and the API looks the woning up. */
const workflowOnly = [
  {
    step: 'aanbod',
    input: { woning: woningSnapshot({ wijk: 'WK036301' }), aanbodDatum: '2023-06-01' },
    paths: [['woning', 'wijk']],
  },
];

function withText(input: Record<string, unknown>, path: string[], text: string): Record<string, unknown> {
  const copy = structuredClone(input);
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path.at(-1)!] = `voor${text}na`;
  return copy;
}

async function caseStillMoves(caseId: string) {
  const moved = await t.api.step(caseId, 'vraag', vraag, actors.consulent);
  expect(moved.status).toBe(200);
  const row = await t.h.db.case.findUnique({ where: { id: caseId }, include: { events: true } });
  expect(row).toMatchObject({ fase: 'zorg', version: 2 });
  expect(row?.events).toHaveLength(2);
  expect(await t.h.db.leesmodelStoring.count({ where: { caseId } })).toBe(0);
}

test(`through the API every text field refuses each of ${refused.length} control, bidi and surrogate characters with a 400 naming it; the case still moves`, async () => {
  const { caseId } = (await t.api.start(vvOudere())).body;
  let tried = 0;
  const wrong: string[] = [];
  for (const { step, input, paths } of textSteps) {
    for (const path of paths) {
      for (const ch of refused) {
        const res = await t.api.step(caseId, step, withText(input, path, ch), actors.consulent);
        tried++;
        const named = (res.body?.fields ?? []).some(
          (f: { field: string; problem: string }) => f.field.endsWith(path.join('.')) && /stuurteken/.test(f.problem),
        );
        if (res.status !== 400 || !named)
          wrong.push(`${step}.${path.join('.')} ${show(ch)}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
  }
  expect(wrong).toEqual([]);
  expect(tried).toBeGreaterThan(1000);
  await caseStillMoves(caseId);
  // Some 1,400 requests: the nazorg steps added a fifth.
}, 240_000);

test('straight to Temporal the update validator refuses the same characters before anything is applied; the case still moves', async () => {
  const { caseId } = (await t.api.start(vvOudere())).body;
  const handle = t.h.client.workflow.getHandle(workflowIdFor(caseId));
  // Every character in one field, and three of them in every field (an update costs a round trip to the server).
  const tries = [
    ...refused.map((ch) => ({ step: 'intrekking', input: { reden: 'verhuisd' }, path: ['reden'], ch })),
    ...[...textSteps, ...workflowOnly].flatMap(({ step, input, paths }) =>
      paths.flatMap((path) => ['\u0000', '\u202E', '\uD800'].map((ch) => ({ step, input, path, ch }))),
    ),
  ];
  const wrong: string[] = [];
  for (const { step, input, path, ch } of tries) {
    try {
      await handle.executeUpdate(recordStepUpdate, {
        args: [{ step: step as never, input: withText(input, path, ch) as never, actor: actors.consulent as never }],
      });
      wrong.push(`${step}.${path.join('.')} ${show(ch)}: accepted`);
    } catch (err) {
      const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
      const ok =
        cause instanceof ApplicationFailure &&
        cause.type === StepFailureType.invalid &&
        cause.message.includes(`input.${path.join('.')}`);
      if (!ok)
        wrong.push(`${step}.${path.join('.')} ${show(ch)}: ${(cause as Error | undefined)?.message ?? String(err)}`);
    }
  }
  expect(wrong).toEqual([]);
  const { state } = await handle.query<{ state: { version: number; fase: string } }>('getState');
  expect(state).toMatchObject({ version: 1, fase: 'vraag' });
  await caseStillMoves(caseId);
});

test('tab, line breaks, accents, emoji and a right-to-left script are kept as given', async () => {
  const { caseId } = (await t.api.start(vvOudere())).body;
  const reden = 'regel één\r\nregel\ttwee — café 😀 مرحبا';
  const res = await t.api.step(caseId, 'verlenging', { werkdagen: 5, reden }, actors.consulent);
  expect(res.status).toBe(200);
  const row = await t.h.db.case.findUnique({ where: { id: caseId } });
  expect(JSON.stringify(row?.state)).toContain(JSON.stringify(reden).slice(1, -1));
});
