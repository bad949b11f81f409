/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { putOrganisatie, type OrganisatieInput } from '../../prisma/organisatie-repository';
import { useHarness } from '../support/harness';
import type { TokenClaims } from '../support/tokens';
import { check, fillAanmelding, launch, loggedIn, visit, writeReport } from './browser';

/**
 * Issue 13's routing and behandelaar in Chromium: a consulent starts a case with the corporatie
 * left open; both corporaties of the werkgebied see it in "Te verdelen", one outside does not;
 * one accepts, its verhuurmedewerker picks it up and hands it to a colleague. Axe on every page.
 */
jest.setTimeout(300_000);
const t = useHarness();
let browser: Browser;

const run = randomUUID().slice(0, 6);
const gemeente = `GM8${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
const wijkteam = `wt-web-${run}`;
const zorg = `zorg-web-${run}`;
const corpA = `corp-a-web-${run}`;
const corpB = `corp-b-web-${run}`;
const corpX = `corp-x-web-${run}`;

const consulent: TokenClaims = { sub: `cons-${run}`, org: wijkteam, roles: ['consulent'], name: 'Cas Consulent' };
const anna: TokenClaims = { sub: `anna-${run}`, org: corpA, roles: ['verhuurmedewerker'], name: 'Anna Eerste' };
const bram: TokenClaims = { sub: `bram-${run}`, org: corpA, roles: ['verhuurmedewerker'], name: 'Bram Tweede' };
const cor: TokenClaims = { sub: `cor-${run}`, org: corpB, roles: ['verhuurmedewerker'], name: 'Cor Derde' };
const xander: TokenClaims = { sub: `x-${run}`, org: corpX, roles: ['verhuurmedewerker'], name: 'Xander Buiten' };

const register = (id: string, soort: OrganisatieInput['soort'], naam: string, werkgebied = [gemeente]) =>
  putOrganisatie(
    t.h.db,
    { id, naam, soort, gemeente: null, werkgebied, email: null, managerEmail: null, webhookUrl: null, actief: true },
    'test',
  );

beforeAll(async () => {
  browser = await launch();
  await register(wijkteam, 'wijkteam', 'Wijkteam Web');
  await register(zorg, 'zorginstelling', 'Zorg Web');
  await register(corpA, 'corporatie', 'Woonkracht Web A');
  await register(corpB, 'corporatie', 'Woonkracht Web B');
  await register(corpX, 'corporatie', 'Woonkracht Elders', ['GM0001']);
});
afterAll(async () => {
  writeReport('routing');
  await browser?.close();
});

async function as(claims: TokenClaims) {
  const context = await loggedIn(browser, t.h.baseUrl, claims);
  return { context, page: await context.newPage() };
}

const submit = (page: Page, name: string | RegExp) =>
  Promise.all([page.waitForNavigation(), page.getByRole('button', { name }).first().click()]);

test('an open corporatie side is accepted in Te verdelen, picked up and handed to a colleague', async () => {
  const base = t.h.baseUrl;

  // ---- Consulent: an aanmelding with the corporatie left open ----
  const c = await as(consulent);
  await visit(c.page, `${base}/app/casussen/nieuw`, 'routing-nieuwe-aanmelding');
  await fillAanmelding(c.page, `WT-ROUTING-${run}`);
  // The wijkteam works for this gemeente only: the form opens on it, with its parties from the register.
  await c.page.getByLabel('Zorginstelling').selectOption({ label: 'Zorg Web' });
  await c.page
    .getByLabel('Woningcorporatie')
    .selectOption({ label: 'Laat open: de partners in de gemeente pakken het op' });
  await submit(c.page, 'Aanmelding versturen');
  const id = c.page.url().replace(/\?.*$/, '').split('/').pop()!;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const verdelen = c.page.locator('section[aria-labelledby="h-verdelen"]');
  expect(await verdelen.textContent()).toContain('De corporatie is nog niet bekend');
  // The consulent could assign it to either corporatie of the werkgebied, not to the one outside.
  const kandidaten = await c.page.locator('#org-corporatie option').allTextContents();
  expect(kandidaten.sort()).toEqual(['Woonkracht Web A', 'Woonkracht Web B']);
  expect(await check(c.page, 'routing-casus-te-verdelen')).toEqual([]);

  // ---- Both corporaties of the werkgebied see it; the one outside does not ----
  const kort = `Casus ${id.slice(0, 8)}`;
  const b = await as(cor);
  await visit(b.page, `${base}/app/te-verdelen`, 'routing-te-verdelen-b');
  expect(await b.page.getByRole('cell', { name: kort, exact: true }).count()).toBe(1);
  const x = await as(xander);
  await visit(x.page, `${base}/app/te-verdelen`, 'routing-te-verdelen-buiten');
  expect(await x.page.getByRole('cell', { name: kort, exact: true }).count()).toBe(0);
  expect((await x.page.goto(`${base}/app/casussen/${id}`))?.status()).toBe(404);

  const a = await as(anna);
  await visit(a.page, `${base}/app/te-verdelen`, 'routing-te-verdelen-a');
  const row = a.page.getByRole('row', { name: new RegExp(kort) });
  // Only what they need to decide: no reference of the person, no doelgroep for the corporatie.
  expect(await row.textContent()).not.toMatch(/WT-ROUTING|V&V|vv/);
  expect(await check(a.page, 'routing-te-verdelen')).toEqual([]);
  await Promise.all([a.page.waitForNavigation(), a.page.getByRole('button', { name: `${kort} aannemen` }).click()]);
  expect(a.page.url()).toContain(`/app/casussen/${id}`);
  const panel = a.page.locator('section[aria-labelledby="h-behandelaar"]');
  expect(await panel.textContent()).toContain('Anna Eerste (u)');

  // Too late for the other corporatie: it is gone from their list, and the case stays closed to them.
  await visit(b.page, `${base}/app/te-verdelen`, 'routing-te-verdelen-b-na');
  expect(await b.page.getByRole('cell', { name: kort, exact: true }).count()).toBe(0);
  expect((await b.page.goto(`${base}/app/casussen/${id}`))?.status()).toBe(404);

  // ---- Vrijgeven, Oppakken, Overdragen aan a colleague ----
  const br = await as(bram);
  await visit(br.page, `${base}/app/inbox?lijst=mijn`, 'routing-inbox-bram-leeg'); // Bram is known from now on
  await submit(a.page, 'Vrijgeven');
  expect(await panel.textContent()).toContain('Nog niemand van uw organisatie');
  await submit(a.page, 'Oppakken');
  expect(await panel.textContent()).toContain('Anna Eerste (u)');
  expect(await check(a.page, 'routing-casus-behandelaar')).toEqual([]);
  await a.page.getByLabel('Overdragen aan').selectOption({ label: 'Bram Tweede' });
  await submit(a.page, /^Overdragen$/);
  expect(await panel.textContent()).toContain('Bram Tweede');

  // ---- Bram's Mijn werk has it, with its deadline column and him as behandelaar ----
  await visit(br.page, `${base}/app/inbox?lijst=mijn`, 'routing-inbox-mijn-werk');
  const mine = br.page.getByRole('row', { name: new RegExp(kort) });
  expect(await mine.textContent()).toContain('Bram Tweede');
  expect(await br.page.getByRole('columnheader', { name: 'Deadline' }).getAttribute('aria-sort')).toBe('ascending');
  expect(await check(br.page, 'routing-inbox-mijn-werk')).toEqual([]);
  await visit(a.page, `${base}/app/inbox?lijst=mijn`, 'routing-inbox-anna');
  expect(await a.page.getByRole('row', { name: new RegExp(kort) }).count()).toBe(0);

  // ---- Anna filters her organisation's cases on the behandelaar: Bram has it, she does not ----
  await visit(a.page, `${base}/app/casussen`, 'routing-casussen-anna');
  const filterOp = async (label: string) => {
    await a.page.getByLabel('Behandelaar').selectOption({ label });
    await submit(a.page, 'Filteren');
    return a.page.getByRole('row', { name: new RegExp(kort) }).count();
  };
  expect(await filterOp('Bram Tweede')).toBe(1);
  expect(a.page.url()).toContain(`behandelaar=${bram.sub}`);
  expect(await check(a.page, 'routing-casussen-behandelaar')).toEqual([]);
  expect(await filterOp('Ikzelf')).toBe(0);
  expect(await filterOp('Nog niemand')).toBe(0);
  expect(await filterOp('Iedereen')).toBe(1);
  // The inbox's Team list takes the same filter.
  await visit(a.page, `${base}/app/inbox?lijst=team`, 'routing-inbox-team');
  await a.page.getByLabel('Behandelaar').selectOption({ label: 'Nog niemand' });
  await submit(a.page, 'Filteren');
  expect(new URL(a.page.url()).searchParams.get('behandelaar')).toBe('geen');
  expect(await a.page.getByLabel('Behandelaar').inputValue()).toBe('geen');
  expect(await check(a.page, 'routing-inbox-team-behandelaar')).toEqual([]);

  for (const s of [c, a, b, x, br]) await s.context.close();
});
