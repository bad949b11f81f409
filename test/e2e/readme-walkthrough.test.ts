import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Actor } from '../../domain/types';
import { actorHeaders, actors, ok } from '../support/api-client';
import { buurt, vraag, vvOudere, zorgOpAfspraak } from '../support/fixtures';
import { useHarness } from '../support/harness';
import { registerOrganisation } from '../support/organisations';

/**
 * The README's "roles to try" walks a newcomer through one case with the example
 * woningen in docs/examples/woningen.csv. This follows the same path through the
 * API, so the example file and the walkthrough cannot quietly stop working.
 */

const t = useHarness();
const exampleCsv = readFileSync(path.join(__dirname, '../../docs/examples/woningen.csv'), 'utf8');

test('the example woningen import cleanly and one is offered and let in a case that follows the walkthrough', async () => {
  // A corporatie of its own, so other tests' woningen of woonstad do not mix in.
  const verhuur: Actor = { ...actors.verhuur, organisatie: `woonstad-${randomUUID().slice(0, 8)}` };
  await registerOrganisation(t.h.db, verhuur.organisatie, 'corporatie');
  const imported = await ok(
    t.api.request('POST', '/woningen/import', {
      raw: exampleCsv,
      headers: { ...actorHeaders(verhuur), 'content-type': 'text/csv' },
    }),
  );
  const rows = exampleCsv.trim().split('\n').length - 1;
  expect(imported).toMatchObject({ created: rows, updated: 0, rejected: 0, errors: [] });

  const { caseId } = await ok(t.api.start({ ...vvOudere(), corporatie: verhuur.organisatie }), 201);
  await ok(t.api.step(caseId, 'vraag', vraag, actors.consulent));
  // The zorgmedewerker finds the case in the inbox of the care side.
  const inbox = await fetch(`${t.h.baseUrl}/app/inbox`, {
    headers: { cookie: `toewijzing_sessie=${actorHeaders(actors.zorg).authorization!.slice('Bearer '.length)}` },
  });
  expect(inbox.status).toBe(200);
  expect(await inbox.text()).toContain(caseId);
  await ok(t.api.step(caseId, 'zorg', zorgOpAfspraak, actors.zorg));
  await ok(t.api.step(caseId, 'woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg));
  await ok(t.api.step(caseId, 'buurt', buurt, verhuur));

  const matches = await ok(
    t.api.request('GET', `/cases/${caseId}/matches?uitgesloten=true`, { headers: actorHeaders(verhuur) }),
  );
  const kandidaat = matches.kandidaten.find(
    (k: { woning: { referentie: string } }) => k.woning.referentie === 'VB-0001',
  );
  expect(kandidaat).toBeDefined();
  await ok(t.api.step(caseId, 'aanbod', { woningId: kandidaat.woning.id }, verhuur));
  await ok(t.api.step(caseId, 'reactie', { besluit: 'accepteert' }, verhuur));
  await ok(t.api.step(caseId, 'toewijzing', { contractvorm: 'rechtstreeks', ingangsdatum: '2026-12-01' }, verhuur));
  const woning = await ok(t.api.request('GET', `/woningen/${kandidaat.woning.id}`, { headers: actorHeaders(verhuur) }));
  expect(woning.status).toBe('verhuurd');
  expect((await ok(t.api.get(caseId))).state.fase).toBe('warme_overdracht');
});
