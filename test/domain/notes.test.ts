import { randomUUID } from 'node:crypto';
import { noteInputSchema, noteProblem, noteVisibleTo } from '../../domain/notes';
import { asShortCode, normaliseReferentie } from '../../domain/referentie';
import { applyStep, startCase } from '../../domain/steps';
import { actors } from '../support/api-client';
import { vvOudere } from '../support/fixtures';
import type { Actor } from '../../domain/types';

const T0 = '2023-05-01T09:00:00.000Z';

describe('referentie normalisation', () => {
  test.each([
    ['WT-2023-0042', 'WT20230042'],
    ['wt-2023-0042', 'WT20230042'],
    [' WT 2023 0042 ', 'WT20230042'],
    ['ＷＴ２０２３００４２', 'WT20230042'], // full-width digits and letters (NFKC)
    ['WT‐2023–0042', 'WT20230042'], // hyphen and en dash typed for a dash
  ])('%s is %s', (typed, normal) => expect(normaliseReferentie(typed)).toBe(normal));

  test('other characters still count: an exact match, not a fuzzy one', () => {
    expect(normaliseReferentie('WT-2023-0042')).not.toBe(normaliseReferentie('WT-2023-0043'));
    expect(normaliseReferentie('WT-2023-0042')).not.toBe(normaliseReferentie('WT-2023-0042X'));
  });

  test('a short code is 8 hex digits, with or without "Casus"', () => {
    expect(asShortCode('65b200f6')).toBe('65b200f6');
    expect(asShortCode('Casus 65B200F6')).toBe('65b200f6');
    expect(asShortCode(' casus65b200f6 ')).toBe('65b200f6');
    expect(asShortCode('65b200f')).toBeUndefined();
    expect(asShortCode('65b200f6a')).toBeUndefined();
    expect(asShortCode('WT-2023-0042')).toBeUndefined();
  });
});

describe('notes', () => {
  test('text is trimmed safe text of at most 2000 characters; voor is eigen or alle', () => {
    expect(noteInputSchema.parse({ tekst: '  hallo\nwereld ', voor: 'eigen' })).toEqual({
      tekst: 'hallo\nwereld',
      voor: 'eigen',
    });
    expect(noteInputSchema.safeParse({ tekst: 'x'.repeat(2000), voor: 'alle' }).success).toBe(true);
    for (const bad of [
      { tekst: 'x'.repeat(2001), voor: 'alle' },
      { tekst: ' \n ', voor: 'alle' },
      { tekst: 'a\u202Eb', voor: 'alle' },
      { tekst: 'a\u0007b', voor: 'alle' },
      { tekst: '\uD800', voor: 'alle' },
      { tekst: 'hallo', voor: 'iedereen' },
      { tekst: 'hallo' },
      { tekst: 'hallo', voor: 'alle', organisatie: 'woonstad' },
    ])
      expect(noteInputSchema.safeParse(bad).success).toBe(false);
  });

  test('an eigen note is read by its own organisation only; an alle note by every party', () => {
    const eigen = { organisatie: 'zorg-de-brug', voor: 'eigen' };
    const alle = { organisatie: 'zorg-de-brug', voor: 'alle' };
    expect(noteVisibleTo(eigen, 'zorg-de-brug')).toBe(true);
    expect(noteVisibleTo(eigen, 'woonstad')).toBe(false);
    expect(noteVisibleTo(eigen, 'wijkteam-noord')).toBe(false);
    expect(noteVisibleTo(alle, 'woonstad')).toBe(true);
  });

  test('the workflow takes a note from a party of an open case only', () => {
    const caseId = randomUUID();
    const { state } = startCase(
      { caseId, aanmelding: { ...vvOudere(), corporatie: 'woonstad' }, actor: actors.consulent },
      T0,
    );
    const note = (actor: Actor = actors.zorg, over: Record<string, unknown> = {}) => ({
      id: randomUUID(),
      caseId,
      actor,
      tekst: 'hallo',
      voor: 'alle',
      ...over,
    });
    expect(noteProblem(state, note())).toBeUndefined();
    expect(noteProblem(state, note(actors.verhuur))).toBeUndefined();
    expect(noteProblem(state, note({ ...actors.verhuur, organisatie: 'andere-corporatie' }))).toMatch(/party/);
    expect(noteProblem(state, note(actors.zorg, { caseId: randomUUID() }))).toMatch(/another case/);
    expect(noteProblem(state, note(actors.zorg, { tekst: 'a\u202Eb' }))).toMatch(/tekst/);
    const closed = applyStep(state, { step: 'intrekking', input: { reden: 'verhuisd' }, actor: actors.consulent }, T0);
    expect(noteProblem(closed.state, note())).toMatch(/afgesloten/);
  });
});
