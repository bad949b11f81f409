import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { createActivities } from '../../activities';
import {
  createNotifier,
  MeldingBezigError,
  MeldingMisluktError,
  signaalId,
  WEBHOOK_TIMEOUT_MS,
  type Notifier,
} from '../../activities/notifications';
import { checkNotificationEnv, notificationEnvShape, parseEnv, ConfigError } from '../../platform/env';
import { createDb, type Db } from '../../prisma/client';
import { putOrganisatie, type OrganisatieInput } from '../../prisma/organisatie-repository';
import { startCase, turnOf } from '../../domain/steps';
import type { TermijnSignaal } from '../../domain/types';
import { actors } from '../support/api-client';
import { testEnv } from '../support/env';
import { startSmtp } from '../support/smtp';
import { vvOudere } from '../support/fixtures';

const SECRET = 'test-webhook-secret-0123456789abcdef';
const APP = 'https://toewijzing.example.nl';

let smtp: Awaited<ReturnType<typeof startSmtp>>;

/** A webhook receiver that checks the signature; `mode` decides its answer. */
interface Afgeleverd {
  body: string;
  signatureValid: boolean;
  headers: Record<string, string | string[] | undefined>;
}
const hook = {
  port: 0,
  received: [] as Afgeleverd[],
  mode: 'ok' as 'ok' | 'fail' | 'slow',
  server: undefined as Server | undefined,
};

let db: Db;
let notifier: Notifier;

beforeAll(async () => {
  db = createDb(testEnv().DATABASE_URL, 3);
  smtp = await startSmtp();

  hook.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`);
      const given = Buffer.from(String(req.headers['x-toewijzing-signature'] ?? ''));
      const signatureValid = expected.length === given.length && timingSafeEqual(expected, given);
      if (hook.mode === 'slow') {
        setTimeout(() => res.writeHead(200).end(), 1_500).unref();
        return;
      }
      hook.received.push({ body, signatureValid, headers: req.headers });
      res.writeHead(hook.mode === 'fail' ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => hook.server!.listen(0, '127.0.0.1', () => resolve()));
  hook.port = (hook.server.address() as AddressInfo).port;

  notifier = createNotifier({
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    mailFrom: 'Toewijzing <noreply@toewijzing.test>',
    appBaseUrl: `${APP}/`,
    webhookSecret: SECRET,
    webhookTimeoutMs: 500,
    // The test's receiver runs on 127.0.0.1.
    allowPrivateTargets: true,
  });
});

afterAll(async () => {
  notifier?.close();
  await smtp?.close();
  hook.server?.closeAllConnections();
  await new Promise((resolve) => hook.server?.close(() => resolve(undefined)));
  await db?.$disconnect();
});

beforeEach(() => {
  smtp.received = [];
  smtp.refuse = false;
  hook.received = [];
  hook.mode = 'ok';
});

/** An organisation with a team mailbox, a manager and a webhook on the local receiver. */
async function organisatie(over: Partial<OrganisatieInput> = {}): Promise<OrganisatieInput> {
  const org: OrganisatieInput = {
    id: `zorg-${randomUUID().slice(0, 8)}`,
    naam: 'Zorg De Brug',
    soort: 'zorginstelling',
    gemeente: 'GM0363',
    werkgebied: ['GM0363'],
    email: 'team@zorg.example',
    managerEmail: 'manager@zorg.example',
    webhookUrl: `http://127.0.0.1:${hook.port}/hook`,
    actief: true,
    ...over,
  };
  await putOrganisatie(db, org, 'u-beheer-test');
  return org;
}

/** A case in the read model, whose referentie and care data must never reach a mail or webhook. */
async function caseInReadModel() {
  const aanmelding = vvOudere();
  const first = startCase({ caseId: randomUUID(), aanmelding, actor: actors.consulent }, new Date().toISOString());
  await createActivities({ db }).recordCaseEvent({ ...first, turn: turnOf(first.state) });
  return { caseId: first.state.caseId, referentie: aanmelding.persoon.referentie };
}

const signaal = (
  caseId: string,
  organisatie: string | undefined,
  over: Partial<TermijnSignaal> = {},
): TermijnSignaal => ({
  caseId,
  key: `herinnering:zorg:${Math.floor(Math.random() * 1e6)}`,
  soort: 'herinnering',
  fase: 'zorg',
  organisatie,
  rollen: ['zorgmedewerker'],
  dueAt: '2026-03-02T08:00:00.000Z',
  normWerkdagen: 7.5,
  at: '2026-03-02T08:00:01.000Z',
  ...over,
});

const row = (s: TermijnSignaal) =>
  db.caseSignaal.findUnique({ where: { caseId_key: { caseId: s.caseId, key: s.key } } });

describe('meldTermijn', () => {
  test('a herinnering goes to the team mailbox and the webhook, signed, with no personal data', async () => {
    const org = await organisatie();
    const { caseId, referentie } = await caseInReadModel();
    const s = signaal(caseId, org.id);
    const { meldTermijn } = createActivities({ db, notifier });

    expect(await meldTermijn(s)).toEqual({ email: 'verstuurd', webhook: 'verstuurd' });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['team@zorg.example']);
    expect(mail.from).toBe('noreply@toewijzing.test');
    expect(mail.headers['subject']).toBe(`Herinnering: casus ${caseId.slice(0, 8)} nadert de norm (zorg)`);
    expect(mail.headers['message-id']).toBe(`<signaal-${signaalId(s)}@toewijzing.test>`);
    expect(mail.headers['auto-submitted']).toBe('auto-generated');
    expect(mail.body).toContain(`Casus:        ${caseId}`);
    expect(mail.body).toContain('Fase:         zorg');
    expect(mail.body).toContain(`Organisatie:  Zorg De Brug (${org.id})`);
    expect(mail.body).toContain('Norm:         7,5 werkdagen');
    expect(mail.body).toContain('Herinnering:  2 maart 2026 om 09:00');
    expect(mail.body).toContain(`Bekijk de casus: ${APP}/app/casussen/${caseId}`);
    // Nothing of the person or their care: not the referentie, doelgroep, indicatie or situation.
    for (const secret of [referentie, 'wlz', 'vpt', 'verstoorde', 'thuis', 'passendheidsgroep', 'GM0363']) {
      expect(mail.raw.toLowerCase()).not.toContain(secret.toLowerCase());
    }

    expect(hook.received).toHaveLength(1);
    const delivered = hook.received[0]!;
    expect(delivered.signatureValid).toBe(true);
    expect(delivered.headers['content-type']).toBe('application/json');
    expect(delivered.headers['x-toewijzing-delivery']).toBe(signaalId(s));
    expect(JSON.parse(delivered.body)).toEqual({
      type: 'termijn.herinnering',
      id: signaalId(s),
      caseId,
      key: s.key,
      soort: 'herinnering',
      fase: 'zorg',
      organisatie: org.id,
      rollen: ['zorgmedewerker'],
      normWerkdagen: 7.5,
      dueAt: s.dueAt,
      at: s.at,
      url: `${APP}/app/casussen/${caseId}`,
    });
    expect(delivered.body).not.toContain(referentie);

    expect(await row(s)).toMatchObject({
      soort: 'herinnering',
      fase: 'zorg',
      organisatie: org.id,
      email: 'verstuurd',
      webhook: 'verstuurd',
      dueAt: new Date(s.dueAt),
      at: new Date(s.at),
    });
  });

  test('an escalatie goes to the manager', async () => {
    const org = await organisatie();
    const s = signaal(randomUUID(), org.id, {
      soort: 'escalatie',
      key: 'escalatie:totaal:1',
      fase: 'totaal',
      normWerkdagen: 80,
    });
    expect(await createActivities({ db, notifier }).meldTermijn(s)).toEqual({
      email: 'verstuurd',
      webhook: 'verstuurd',
    });
    expect(smtp.received.map((m) => m.to)).toEqual([['manager@zorg.example']]);
    expect(smtp.received[0]!.headers['subject']).toMatch(/^Escalatie: casus .* over de norm \(hele casus/);
    expect(smtp.received[0]!.body).toContain('Norm bereikt: 2 maart 2026 om 09:00');
    expect(JSON.parse(hook.received[0]!.body)).toMatchObject({ type: 'termijn.escalatie', fase: 'totaal' });
  });

  test('a retry after success sends nothing again', async () => {
    const org = await organisatie();
    const s = signaal(randomUUID(), org.id);
    const { meldTermijn } = createActivities({ db, notifier });
    await meldTermijn(s);
    expect(await meldTermijn(s)).toEqual({ email: 'verstuurd', webhook: 'verstuurd' });
    expect(await meldTermijn({ ...s, at: new Date().toISOString() })).toEqual({
      email: 'verstuurd',
      webhook: 'verstuurd',
    });
    expect(smtp.received).toHaveLength(1);
    expect(hook.received).toHaveLength(1);
  });

  test('a failing webhook throws a retryable error after the mail is recorded; the retry does not mail again', async () => {
    const org = await organisatie();
    const { referentie, caseId } = await caseInReadModel();
    const s = signaal(caseId, org.id);
    const { meldTermijn } = createActivities({ db, notifier });

    hook.mode = 'fail';
    const err = await meldTermijn(s).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeldingMisluktError);
    expect((err as Error).name).toBe('MeldingMisluktError');
    expect((err as Error).message).toMatch(/webhook niet afgeleverd: HTTP 500/);
    for (const secret of [referentie, 'zorg.example', '127.0.0.1'])
      expect((err as Error).message).not.toContain(secret);
    expect(await row(s)).toMatchObject({ email: 'verstuurd', webhook: 'open' });
    expect(smtp.received).toHaveLength(1);

    hook.mode = 'ok';
    hook.received = [];
    expect(await meldTermijn(s)).toEqual({ email: 'verstuurd', webhook: 'verstuurd' });
    expect(smtp.received).toHaveLength(1);
    expect(hook.received).toHaveLength(1);
    expect(await row(s)).toMatchObject({ email: 'verstuurd', webhook: 'verstuurd' });
  });

  test('a refusing SMTP server throws after the webhook is recorded; the retry does not post again', async () => {
    const org = await organisatie();
    const s = signaal(randomUUID(), org.id);
    const { meldTermijn } = createActivities({ db, notifier });

    smtp.refuse = true;
    const err = await meldTermijn(s).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeldingMisluktError);
    expect((err as Error).message).toMatch(/e-mail niet verstuurd: \w+ 451/);
    expect((err as Error).message).not.toContain('zorg.example');
    expect(await row(s)).toMatchObject({ email: 'open', webhook: 'verstuurd' });

    smtp.refuse = false;
    expect(await meldTermijn(s)).toEqual({ email: 'verstuurd', webhook: 'verstuurd' });
    expect(smtp.received).toHaveLength(1);
    expect(hook.received).toHaveLength(1);
  });

  test('a webhook that does not answer in time fails, and is retried', async () => {
    expect(WEBHOOK_TIMEOUT_MS).toBe(5_000);
    const org = await organisatie({ email: null });
    const s = signaal(randomUUID(), org.id);
    const { meldTermijn } = createActivities({ db, notifier });
    hook.mode = 'slow';
    const started = Date.now();
    await expect(meldTermijn(s)).rejects.toThrow(/webhook niet afgeleverd: geen antwoord binnen 500 ms/);
    expect(Date.now() - started).toBeLessThan(1_400);
    hook.mode = 'ok';
    expect(await meldTermijn(s)).toEqual({ email: 'geen_adres', webhook: 'verstuurd' });
  });

  test('two attempts at once send once', async () => {
    const org = await organisatie();
    const s = signaal(randomUUID(), org.id);
    const { meldTermijn } = createActivities({ db, notifier });
    const results = await Promise.allSettled([meldTermijn(s), meldTermijn(s), meldTermijn(s)]);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(MeldingBezigError);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    expect(await meldTermijn(s)).toEqual({ email: 'verstuurd', webhook: 'verstuurd' });
    expect(smtp.received).toHaveLength(1);
    expect(hook.received).toHaveLength(1);
  });

  test('no organisation, no address or an inactive organisation: geen_adres, recorded, nothing sent', async () => {
    const { meldTermijn } = createActivities({ db, notifier });
    const zonder = await organisatie({ email: null, managerEmail: null, webhookUrl: null });
    const alleenTeam = await organisatie({ managerEmail: null, webhookUrl: null });
    const inactief = await organisatie({ actief: false });
    const cases = [
      signaal(randomUUID(), undefined),
      signaal(randomUUID(), `onbekend-${randomUUID().slice(0, 8)}`),
      signaal(randomUUID(), zonder.id),
      signaal(randomUUID(), alleenTeam.id, { soort: 'escalatie' }),
      signaal(randomUUID(), inactief.id),
    ];
    for (const s of cases) {
      expect(await meldTermijn(s)).toEqual({ email: 'geen_adres', webhook: 'geen_adres' });
      expect(await row(s)).toMatchObject({ email: 'geen_adres', webhook: 'geen_adres' });
    }
    expect(smtp.received).toHaveLength(0);
    expect(hook.received).toHaveLength(0);
  });

  test('without SMTP or a webhook secret the channels are niet_ingesteld, not an error', async () => {
    const org = await organisatie();
    expect(await createActivities({ db }).meldTermijn(signaal(randomUUID(), org.id))).toEqual({
      email: 'niet_ingesteld',
      webhook: 'niet_ingesteld',
    });
    const alleenMail = createNotifier({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      mailFrom: 'noreply@toewijzing.test',
      appBaseUrl: APP,
    });
    try {
      expect(await createActivities({ db, notifier: alleenMail }).meldTermijn(signaal(randomUUID(), org.id))).toEqual({
        email: 'verstuurd',
        webhook: 'niet_ingesteld',
      });
    } finally {
      alleenMail.close();
    }
    expect(smtp.received).toHaveLength(1);
    expect(hook.received).toHaveLength(0);
  });
});

describe('webhook targets', () => {
  test('without the allowance a webhook to a loopback, private or link-local address is refused before any request', async () => {
    const strict = createNotifier({ appBaseUrl: APP, webhookSecret: SECRET, webhookTimeoutMs: 500 });
    for (const url of [
      `http://127.0.0.1:${hook.port}/hook`,
      `https://127.0.0.1:${hook.port}/hook`,
      'https://localhost/hook',
      'https://10.0.0.8/hook',
      'https://169.254.169.254/latest',
      'https://[::1]/hook',
    ]) {
      await expect(strict.webhook!.post(url, '{}', randomUUID())).rejects.toThrow(MeldingMisluktError);
    }
    expect(hook.received).toHaveLength(0);
    // The same receiver with the allowance (as every other test here) is reached.
    await notifier.webhook!.post(`http://127.0.0.1:${hook.port}/hook`, '{}', randomUUID());
    expect(hook.received).toHaveLength(1);
  });
});

describe('notification environment', () => {
  const schema = z.object(notificationEnvShape).superRefine(checkNotificationEnv);

  test('every channel is optional; APP_BASE_URL has a default', () => {
    expect(parseEnv(schema, {})).toEqual({ APP_BASE_URL: 'http://localhost:3000' });
  });

  test.each([
    ['MAIL_FROM', { SMTP_URL: 'smtp://mail.example.nl:587' }],
    ['SMTP_URL', { SMTP_URL: 'https://mail.example.nl', MAIL_FROM: 'noreply@example.nl' }],
    ['WEBHOOK_SECRET', { WEBHOOK_SECRET: 'kort' }],
    ['APP_BASE_URL', { APP_BASE_URL: 'toewijzing.example.nl' }],
  ])('a bad or missing %s stops the process with its name', (name, env) => {
    expect(() => parseEnv(schema, env)).toThrow(ConfigError);
    expect(() => parseEnv(schema, env)).toThrow(new RegExp(`${name}:`));
  });
});
