import { aanmeldingSchema, looksLikeBsn, stepRequestProblem } from '../../domain/schemas';
import { actors } from '../support/api-client';
import { vvOudere } from '../support/fixtures';

test.each([
  ['111222333', true],
  ['123456782', true],
  ['123456789', false],
  ['12345678', false], // 012345678 fails the eleven-test
  ['REF-12345', false],
])('looksLikeBsn(%s) = %s', (value, expected) => {
  expect(looksLikeBsn(value)).toBe(expected);
});

test.each([
  [{ wet: 'wlz', leveringsvorm: 'vpt' }, true],
  [{ wet: 'wlz' }, false],
  [{ wet: 'wlz', leveringsvorm: 'zin' }, false],
  [{ wet: 'wmo', leveringsvorm: 'pgb' }, true],
  [{ wet: 'zvw' }, true],
  [{ wet: 'geen', leveringsvorm: 'vpt' }, false],
])('indicatie %j valid: %s', (indicatie, valid) => {
  const result = aanmeldingSchema.safeParse({ ...vvOudere(), indicatie });
  expect(result.success).toBe(valid);
  if (!result.success) expect(result.error.issues[0]?.path).toEqual(['indicatie', 'leveringsvorm']);
});

test('stepRequestProblem names the field inside the step input', () => {
  expect(stepRequestProblem({ step: 'buurt', input: { buurtcode: 'X' }, actor: actors.verhuur })).toMatch(
    /^input\.buurtcode: een CBS-buurtcode/,
  );
  expect(stepRequestProblem({ step: 'buurt', input: {}, actor: { ...actors.verhuur, rol: 'admin' } })).toMatch(
    /^actor\.rol/,
  );
  expect(stepRequestProblem({ step: 'verhuizen', input: {}, actor: actors.verhuur })).toMatch(/^step/);
  expect(stepRequestProblem({ step: 'intrekking', input: { reden: 'r' }, actor: actors.consulent })).toBeUndefined();
});
