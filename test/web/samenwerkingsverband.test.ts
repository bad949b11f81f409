/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { createActivities } from '../../activities';
import { createNotifier, type Notifier } from '../../activities/notifications';
import type { Fase } from '../../domain/types';
import { registerOrganisation, registerOrganisations } from '../support/organisations';
import { useHarness } from '../support/harness';
import { startSmtp } from '../support/smtp';
import type { TokenClaims } from '../support/tokens';
import { check, fillAanmelding, launch, loggedIn, visit, writeReport } from './browser';

/**
 * Issue 13's "Done when" as one journey in Chromium, with axe on every page (the beheerder's and the privacy
 * officer's part is test/web/beheer-privacy.test.ts): a consulent starts a case through the form, picking the
 * gemeente by name and the zorginstelling from the register, the corporatie left open; both corporaties of the
 * werkgebied see it in Te verdelen, one outside does not; one accepts; a verhuurmedewerker picks it up and hands it
 * to a colleague, who gets the reminder; the zorg side leaves a note for its own organisation and one for all, and
 * the corporatie reads only the second; the wijkteam finds the case by referentie.
 */
jest.setTimeout(400_000);
const t = useHarness();
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let notifier: Notifier;

const run = randomUUID().slice(0, 6);
// Gemeenten of this run only, so other files' organisations and cases never show here.
const n = Math.floor(Math.random() * 900);
const hier = `GM6${String(n).padStart(3, '0')}`;
const elders = `GM6${String(n + 50).padStart(3, '0')}`;
const org = (naam: string) => `${naam}-sv-${run}`;
const wijkteam = org('wt');
const zorg = org('zorg');
const zorgGestopt = org('zorg-gestopt');
const corpA = org('corp-a');
const corpB = org('corp-b');
const corpX = org('corp-x');
const referentie = `WT-SV-${run.toUpperCase()}`;

const consulent: TokenClaims = { sub: `cons-sv-${run}`, org: wijkteam, roles: ['consulent'], name: 'Cas Consulent' };
const zora: TokenClaims = { sub: `zora-sv-${run}`, org: zorg, roles: ['zorgmedewerker'], name: 'Zora de Zorg' };
const anna: TokenClaims = { sub: `anna-sv-${run}`, org: corpA, roles: ['verhuurmedewerker'], name: 'Anna Eerste' };
const bram: TokenClaims = {
  sub: `bram-sv-${run}`,
  org: corpA,
  roles: ['verhuurmedewerker'],
  name: 'Bram Tweede',
  email: `bram-${run}@corp-a.test`,
};
const cor: TokenClaims = { sub: `cor-sv-${run}`, org: corpB, roles: ['verhuurmedewerker'], name: 'Cor Derde' };
const xander: TokenClaims = { sub: `x-sv-${run}`, org: corpX, roles: ['verhuurmedewerker'], name: 'Xander Elders' };

beforeAll(async () => {
  browser = await launch();
  smtp = await startSmtp();
  notifier = createNotifier({
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    mailFrom: 'noreply@toewijzing.test',
    appBaseUrl: 'https://toewijzing.test',
  });
  await registerOrganisations(t.h.db, [
    { id: org('gemeente'), naam: `Gemeente Samenstad ${run}`, soort: 'gemeente', gemeente: hier, werkgebied: [hier] },
    {
      id: org('gemeente-2'),
      naam: `Gemeente Verweg ${run}`,
      soort: 'gemeente',
      gemeente: elders,
      werkgebied: [elders],
    },
    { id: wijkteam, naam: 'Wijkteam Samen', soort: 'wijkteam', werkgebied: [hier, elders] },
    { id: zorg, naam: 'Zorg Samen', soort: 'zorginstelling', werkgebied: [hier] },
    { id: zorgGestopt, naam: 'Zorg Gestopt', soort: 'zorginstelling', werkgebied: [hier] },
    {
      id: corpA,
      naam: 'Woonkracht Samen A',
      soort: 'corporatie',
      werkgebied: [hier],
      email: `team-${run}@corp-a.test`,
    },
    { id: corpB, naam: 'Woonkracht Samen B', soort: 'corporatie', werkgebied: [hier] },
    { id: corpX, naam: 'Woonkracht Verweg', soort: 'corporatie', werkgebied: [elders] },
  ]);
});
afterAll(async () => {
  writeReport('samenwerkingsverband');
  await browser?.close();
  notifier?.close();
  await smtp?.close();
});

async function as(claims: TokenClaims) {
  const context = await loggedIn(browser, t.h.baseUrl, claims);
  // The shared machine can be slow; the pages themselves are measured by bench:web.
  context.setDefaultTimeout(30_000);
  return { context, page: await context.newPage() };
}
const submit = (page: Page, name: string | RegExp) =>
  Promise.all([page.waitForNavigation({ timeout: 30_000 }), page.getByRole('button', { name }).first().click()]);
const optionTexts = (page: Page, select: string) => page.locator(`${select} option`).allTextContents();
const LAAT_OPEN = 'Laat open: de partners in de gemeente pakken het op';

test('Done when: aanmelding from the register, Te verdelen, behandelaar with reminder, notes, search', async () => {
  const base = t.h.baseUrl;

  // ---- Consulent: the gemeente by name, then only the organisations that work there ----
  const c = await as(consulent);
  await visit(c.page, `${base}/app/casussen/nieuw`, 'sv-aanmelding-gemeente');
  expect(await optionTexts(c.page, '#f-gemeente')).toEqual(['Kies de gemeente', `Samenstad ${run}`, `Verweg ${run}`]);
  expect(await check(c.page, 'sv-aanmelding-gemeente')).toEqual([]);
  await submit(c.page, 'Verder'); // none chosen
  expect(await c.page.locator('#f-gemeente-error').textContent()).toContain('Kies de gemeente');
  expect(await check(c.page, 'sv-aanmelding-gemeente-fout')).toEqual([]);
  await c.page.getByLabel('Gemeente').selectOption({ label: `Samenstad ${run}` });
  await submit(c.page, 'Verder');
  expect(await c.page.locator('#f-gemeente').textContent()).toContain(`Gemeente: Samenstad ${run}`);
  expect(await optionTexts(c.page, '#f-zorginstelling')).toEqual([
    'Kies een zorginstelling',
    'Zorg Gestopt',
    'Zorg Samen',
    LAAT_OPEN,
  ]);
  // The corporatie of the other gemeente is not offered.
  expect(await optionTexts(c.page, '#f-corporatie')).toEqual([
    'Kies een woningcorporatie',
    'Woonkracht Samen A',
    'Woonkracht Samen B',
    LAAT_OPEN,
  ]);
  expect(await check(c.page, 'sv-aanmelding')).toEqual([]);

  // Nothing chosen for the parties: each asks for an explicit choice, linked from the summary.
  await submit(c.page, 'Aanmelding versturen');
  const summary = c.page.locator('#foutoverzicht');
  expect(
    await summary.getByRole('link', { name: /^Zorginstelling: Kies een zorginstelling/ }).getAttribute('href'),
  ).toBe('#f-zorginstelling');
  expect(await c.page.locator('#f-corporatie-error').textContent()).toContain('Laat open');
  expect(await check(c.page, 'sv-aanmelding-fouten')).toEqual([]);

  await fillAanmelding(c.page, referentie);
  await c.page.getByLabel('Zorginstelling').selectOption({ label: 'Zorg Gestopt' });
  await c.page.getByLabel('Woningcorporatie').selectOption({ label: LAAT_OPEN });
  // While the form is open the beheerder deactivates that zorginstelling: the server checks the choice again.
  await registerOrganisation(t.h.db, zorgGestopt, 'zorginstelling', {
    naam: 'Zorg Gestopt',
    werkgebied: [hier],
    actief: false,
  });
  await submit(c.page, 'Aanmelding versturen');
  expect(await c.page.locator('#f-zorginstelling-error').textContent()).toContain(
    'Zorg Gestopt is niet actief in het samenwerkingsverband',
  );
  expect(await c.page.getByLabel('Referentie van de persoon').inputValue()).toBe(referentie);
  expect(await c.page.getByLabel('Woningcorporatie').inputValue()).toBe('open');
  expect(await optionTexts(c.page, '#f-zorginstelling')).not.toContain('Zorg Gestopt');
  expect(await check(c.page, 'sv-aanmelding-partij-fout')).toEqual([]);

  await c.page.getByLabel('Zorginstelling').selectOption({ label: 'Zorg Samen' });
  await submit(c.page, 'Aanmelding versturen');
  const caseUrl = c.page.url().replace(/\?.*$/, '');
  const id = caseUrl.split('/').pop()!;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const kort = `Casus ${id.slice(0, 8)}`;
  // Names, not codes: the gemeente and the parties.
  const main = c.page.locator('main');
  expect(await main.textContent()).toContain(`Samenstad ${run}`);
  expect(await main.textContent()).toContain('Zorg Samen');
  expect(await main.textContent()).not.toContain(hier);
  expect(await main.textContent()).not.toContain(zorg);
  expect(await c.page.locator('section[aria-labelledby="h-verdelen"]').textContent()).toContain(
    'De corporatie is nog niet bekend',
  );
  expect(await check(c.page, 'sv-casus-vraag')).toEqual([]);

  // ---- Te verdelen: both corporaties of the werkgebied see it, the one elsewhere does not ----
  const b = await as(cor);
  await visit(b.page, `${base}/app/te-verdelen`, 'sv-te-verdelen-b');
  const rijB = b.page.getByRole('row', { name: new RegExp(kort) });
  expect(await rijB.count()).toBe(1);
  expect(await rijB.textContent()).toContain(`Samenstad ${run}`);
  expect(await rijB.textContent()).not.toMatch(new RegExp(`${hier}|${referentie}|V&V`));
  expect(await check(b.page, 'sv-te-verdelen-b')).toEqual([]);
  const x = await as(xander);
  await visit(x.page, `${base}/app/te-verdelen`, 'sv-te-verdelen-verweg');
  expect(await x.page.getByRole('row', { name: new RegExp(kort) }).count()).toBe(0);
  expect(await check(x.page, 'sv-te-verdelen-verweg')).toEqual([]);
  expect((await x.page.goto(caseUrl))?.status()).toBe(404);

  const a = await as(anna);
  await visit(a.page, `${base}/app/te-verdelen`, 'sv-te-verdelen-a');
  expect(await check(a.page, 'sv-te-verdelen-a')).toEqual([]);
  await Promise.all([a.page.waitForNavigation(), a.page.getByRole('button', { name: `${kort} aannemen` }).click()]);
  expect(a.page.url()).toContain(`/app/casussen/${id}`);
  const panel = a.page.locator('section[aria-labelledby="h-behandelaar"]');
  expect(await panel.textContent()).toContain('Anna Eerste (u)');
  expect(await check(a.page, 'sv-casus-aangenomen')).toEqual([]);
  await visit(b.page, `${base}/app/te-verdelen`, 'sv-te-verdelen-b-na');
  expect(await b.page.getByRole('row', { name: new RegExp(kort) }).count()).toBe(0);

  // ---- Behandelaar: Oppakken, then Overdragen aan a colleague; the reminder goes to him ----
  const br = await as(bram);
  await visit(br.page, `${base}/app/inbox?lijst=mijn`, 'sv-inbox-bram-leeg'); // Bram is known (with his e-mail) from now on
  expect(await check(br.page, 'sv-inbox-bram-leeg')).toEqual([]);
  await submit(a.page, 'Vrijgeven');
  expect(await panel.textContent()).toContain('Nog niemand van uw organisatie');
  await submit(a.page, 'Oppakken');
  expect(await panel.textContent()).toContain('Anna Eerste (u)');
  await a.page.getByLabel('Overdragen aan').selectOption({ label: 'Bram Tweede' });
  await submit(a.page, /^Overdragen$/);
  expect(await panel.textContent()).toContain('Bram Tweede');
  expect(await check(a.page, 'sv-casus-overgedragen')).toEqual([]);

  // The reminder as the case's timer raises it: the worker's activity, on the real database and a real SMTP server.
  const { fase } = await t.h.db.case.findUniqueOrThrow({ where: { id }, select: { fase: true } });
  const sent = await createActivities({ db: t.h.db, notifier }).meldTermijn({
    caseId: id,
    key: `herinnering:${fase}:sv-${run}`,
    soort: 'herinnering',
    fase: fase as Fase,
    organisatie: corpA,
    rollen: ['verhuurmedewerker'],
    dueAt: new Date().toISOString(),
    normWerkdagen: 5,
    at: new Date().toISOString(),
  });
  expect(sent.email).toBe('verstuurd');
  const herinneringen = smtp.received.filter((m) => m.body.includes(id) && /Herinnering/.test(m.headers.subject ?? ''));
  expect(herinneringen.map((m) => m.to)).toEqual([[bram.email]]);
  await visit(br.page, `${base}/app/inbox?lijst=mijn`, 'sv-inbox-bram');
  expect(await br.page.getByRole('row', { name: new RegExp(kort) }).textContent()).toContain('Bram Tweede');
  expect(await check(br.page, 'sv-inbox-bram')).toEqual([]);

  // ---- Notes: the zorg side writes one for its own organisation and one for all ----
  const z = await as(zora);
  await visit(z.page, caseUrl, 'sv-casus-zorg');
  await z.page.getByLabel('Tekst van de notitie').fill('Intern: begeleider belt dinsdag terug');
  await z.page.getByLabel('Alleen mijn organisatie').check();
  await submit(z.page, 'Notitie plaatsen');
  await z.page.getByLabel('Tekst van de notitie').fill('Bezichtiging graag na 14 uur');
  await z.page.getByLabel(/Alle partijen van deze casus/).check();
  await submit(z.page, 'Notitie plaatsen');
  const thread = z.page.locator('#notities li.notitie');
  expect(await thread.count()).toBe(2);
  expect(await thread.nth(0).textContent()).toContain('Zorg Samen');
  expect(await check(z.page, 'sv-notities-zorg')).toEqual([]);

  await visit(br.page, caseUrl, 'sv-casus-notities-corporatie');
  const seen = br.page.locator('#notities li.notitie');
  expect(await seen.count()).toBe(1);
  expect(await seen.first().textContent()).toContain('Bezichtiging graag na 14 uur');
  expect(await br.page.locator('body').textContent()).not.toContain('Intern: begeleider');
  expect(await check(br.page, 'sv-casus-notities-corporatie')).toEqual([]);

  // ---- The wijkteam finds the case by its referentie ----
  await visit(c.page, `${base}/app/casussen`, 'sv-casussen');
  await c.page.getByLabel('Zoek op casuscode of referentie').fill(referentie.toLowerCase());
  await submit(c.page, 'Filteren');
  const rows = c.page.locator('tbody tr');
  expect(await rows.count()).toBe(1);
  expect(await rows.first().textContent()).toContain(kort);
  expect(await rows.first().textContent()).toContain('Woonkracht Samen A');
  expect(await check(c.page, 'sv-zoek-referentie')).toEqual([]);

  for (const s of [c, a, b, x, br, z]) await s.context.close();
});
