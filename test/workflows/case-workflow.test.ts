import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../../platform/payload-codec';
import { workflowIdFor } from '../../prisma/case-repository';
import { getStateQuery, recordStepUpdate } from '../../workflows/messages';
import { actors } from '../support/api-client';
import { buurt, overdracht, vraagMetZrm, vvOudere, woningInDb, zorgOpAfspraak } from '../support/fixtures';
import { OPERATOR_ORG, useHarness } from '../support/harness';
import { bearer } from '../support/tokens';

const t = useHarness();

test('the update validator refuses malformed input sent straight to Temporal, changing nothing', async () => {
  const { caseId } = (await t.api.start(vvOudere())).body;
  const handle = t.h.client.workflow.getHandle(workflowIdFor(caseId));
  const before = await handle.query(getStateQuery);
  const attempt = handle.executeUpdate(recordStepUpdate, {
    args: [{ step: 'vraag', input: { perspectief: 'ooit' } as never, actor: actors.consulent }],
  });
  await expect(attempt).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  const failure = (await attempt.catch((e: WorkflowUpdateFailedError) => e.cause)) as ApplicationFailure;
  expect(failure).toMatchObject({ type: 'InvalidStepInput' });
  expect(failure.message).toMatch(/input\.perspectief/);
  expect(await handle.query(getStateQuery)).toEqual(before);
  // A rejected update leaves no trace in the history.
  const history = await handle.fetchHistory();
  const acceptedSteps = history.events?.filter(
    (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'recordStep',
  );
  expect(acceptedSteps).toEqual([]);
});

test('a workflow id carries only the generated case id', async () => {
  const aanmelding = vvOudere();
  const { caseId } = (await t.api.start(aanmelding)).body;
  expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
  const description = await t.h.client.workflow.getHandle(workflowIdFor(caseId)).describe();
  expect(description.workflowId).toBe(`case-${caseId}`);
  const attributes = JSON.stringify(description.searchAttributes);
  for (const value of [aanmelding.persoon.referentie, aanmelding.doelgroep, aanmelding.gemeente])
    expect(attributes).not.toContain(value);
});

test('the Temporal history holds no personal or health data in clear text', async () => {
  const aanmelding = {
    ...vvOudere(),
    doelgroep: 'ggz' as const,
    indicatie: { wet: 'wlz' as const, leveringsvorm: 'mpt' },
  };
  const { caseId } = (await t.api.start(aanmelding)).body;
  await t.api.step(caseId, 'vraag', vraagMetZrm, actors.consulent);
  await t.api.step(caseId, 'zorg', zorgOpAfspraak, actors.zorg);
  await t.api.step(caseId, 'woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg);
  await t.api.step(caseId, 'buurt', buurt, actors.verhuur);
  await t.api.step(caseId, 'aanbod', (await woningInDb(t.h.db)).body, actors.verhuur);
  await t.api.step(caseId, 'reactie', { besluit: 'accepteert' }, actors.verhuur);
  await t.api.step(caseId, 'toewijzing', { contractvorm: 'rechtstreeks', ingangsdatum: '2023-07-01' }, actors.verhuur);
  await t.api.step(caseId, 'overdracht', overdracht, actors.zorg);

  // Read the history straight from the server, bypassing the client's codec.
  const raw = await t.h.client.workflowService.getWorkflowExecutionHistory({
    namespace: t.h.env.TEMPORAL_NAMESPACE,
    execution: { workflowId: workflowIdFor(caseId) },
  });
  const bytes = Buffer.from(JSON.stringify(raw.history)).toString();
  const asText = (raw.history?.events ?? [])
    .flatMap((e) => [
      e.workflowExecutionStartedEventAttributes?.input?.payloads,
      e.activityTaskScheduledEventAttributes?.input?.payloads,
      e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads,
      e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success?.payloads,
    ])
    .flat()
    .filter((p) => p)
    .map((p) => Buffer.from(p!.data ?? []).toString('latin1'))
    .join('\n');
  expect(asText.length).toBeGreaterThan(1000); // the payloads are there ...
  // Whole JSON fragments, so random ciphertext cannot match by chance.
  const secrets = [
    aanmelding.persoon.referentie,
    '"doelgroep":"ggz"',
    '"leveringsvorm":"mpt"',
    'geestelijke_gezondheid',
    'M. de Vries',
    'passendheidsgroep',
  ];
  for (const secret of secrets) {
    expect(asText).not.toContain(secret); // ... but not readable
    expect(bytes).not.toContain(secret);
  }

  // Positive control: with the key, the same payloads decrypt to the aanmelding.
  const codec = new AesGcmPayloadCodec(parsePayloadKeys(t.h.env.PAYLOAD_KEYS));
  const started = raw.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  const [decoded] = await codec.decode(
    started.map((p) => ({ metadata: p.metadata ?? {}, data: p.data ?? new Uint8Array() })),
  );
  expect(Buffer.from(decoded!.data!).toString()).toContain(aanmelding.persoon.referentie);
});

test('a case id that does not exist in Temporal cannot be created by a step', async () => {
  const res = await t.api.step(randomUUID(), 'vraag', vraagMetZrm, actors.consulent);
  expect(res.status).toBe(404);
});

test("the codec endpoint decrypts history payloads for the platform operator's privacy officer only", async () => {
  const aanmelding = vvOudere();
  const { caseId } = (await t.api.start(aanmelding)).body;
  const raw = await t.h.client.workflowService.getWorkflowExecutionHistory({
    namespace: t.h.env.TEMPORAL_NAMESPACE,
    execution: { workflowId: workflowIdFor(caseId) },
  });
  const started = raw.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  const body = {
    payloads: started.map((p) => ({
      metadata: Object.fromEntries(
        Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(p.data ?? []).toString('base64'),
    })),
  };
  const officer = { sub: 'u-po', org: OPERATOR_ORG, roles: ['privacy_officer' as const] };
  const asOfficer = await t.api.request('POST', '/codec/decode', { body, headers: bearer(officer) });
  expect(asOfficer.status).toBe(200);
  expect(Buffer.from(asOfficer.body.payloads[0].data, 'base64').toString()).toContain(aanmelding.persoon.referentie);
  expect(asOfficer.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');

  // A party's own privacy officer reads the audit log, not the payloads of every case.
  const partyOfficer = { sub: 'u-po2', org: 'wijkteam-noord', roles: ['privacy_officer' as const] };
  expect((await t.api.request('POST', '/codec/decode', { body, headers: bearer(partyOfficer) })).status).toBe(403);
  const asConsulent = await t.api.request('POST', '/codec/decode', {
    body,
    headers: bearer({ sub: 'u-c', org: 'wijkteam-noord', roles: ['consulent'] }),
  });
  expect(asConsulent.status).toBe(403);
  expect(JSON.stringify(asConsulent.body)).not.toContain(aanmelding.persoon.referentie);
  expect((await t.api.request('POST', '/codec/decode', { body, anonymous: true })).status).toBe(401);
  const preflight = await fetch(`${t.h.baseUrl}/codec/decode`, { method: 'OPTIONS' });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
});
