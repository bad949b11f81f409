import { aanmeldingSchema, stepSchemas } from '../../domain/schemas';
import { woningCreateBody } from '../../domain/woning-schemas';
import { formatDatum, formatEuro } from '../../domain/format';
import { dutchProblem } from '../../api/web/forms';

/** zod's English defaults, as they read before the Dutch locale: none may reach a person. */
const ENGLISH = /\b(Invalid|expected|received|Too (small|big)|must|Required|characters|one of)\b/;

const problems = (r: { success: boolean; error?: { issues: Array<{ code: string; message: string }> } }) =>
  r.success ? [] : r.error!.issues;

test('the domain schemas answer in Dutch (zod 4 locale nl), for built-in and own messages alike', () => {
  const issues = [
    ...problems(aanmeldingSchema.safeParse({ persoon: { referentie: 'x', huishoudgrootte: 0 }, deelgroep: 'iets' })),
    ...problems(aanmeldingSchema.safeParse({})),
    ...problems(woningCreateBody.safeParse({ referentie: '!', kamers: 'drie', kaleHuur: 1.234, status: 1 })),
    ...problems(stepSchemas.buurt.safeParse({ buurtcode: 'BU1', opgave: 'x', extra: 1 })),
  ];
  expect(issues.length).toBeGreaterThan(8);
  // Machine-readable codes keep their names; only the texts are Dutch.
  expect(issues.map((i) => i.code)).toEqual(expect.arrayContaining(['invalid_type', 'invalid_value', 'too_small']));
  for (const i of issues) expect(i.message).not.toMatch(ENGLISH);
  expect(issues.map((i) => i.message).join(' | ')).toMatch(/Ongeldige (invoer|optie)/);
  // What the pages show: a sentence, also Dutch.
  for (const i of issues) expect(dutchProblem(i as never)).not.toMatch(ENGLISH);
});

test('amounts and dates in Dutch notation, through one formatter', () => {
  expect(formatEuro(647.19)).toBe('€\u00a0647,19');
  expect(formatEuro(1234.5)).toBe('€\u00a01.234,50');
  expect(formatEuro(25075.4, { heleEuros: true })).toBe('€\u00a025.075');
  expect(formatEuro(0.07)).toBe('€\u00a00,07');
  expect(formatDatum('2026-12-01')).toBe('1 december 2026');
  expect(formatDatum('2026-03-15')).toBe('15 maart 2026');
});
