/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { actors } from '../support/api-client';
import { vvOudere } from '../support/fixtures';
import { useHarness } from '../support/harness';
import { bearer, type TokenClaims } from '../support/tokens';
import { check, follow, launch, pageAs, submit, visit, writeReport } from './browser';

/**
 * Issue 13 item 7 in Chromium: the beheerder keeps the register and a norm through the screens, the
 * privacy officer reads who saw a case, and a role that may not open a page learns what it may do.
 * beheer-privacy.test.ts checks the same over HTTP; axe runs on every page here.
 */
jest.setTimeout(300_000);
const t = useHarness();
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});

const run = randomUUID().slice(0, 6);
const nieuweOrg = `zorg-scherm-${run}`;
const nieuweNaam = `Zorg Scherm ${run}`;
afterAll(async () => {
  writeReport('beheer-privacy');
  await browser?.close();
  // The norm is for this run's organisation only; the shared database keeps no trace of it.
  await t.h.db.normInstelling.deleteMany({ where: { organisatie: nieuweOrg } });
});

const beheerder: TokenClaims = { sub: `u-beh-web-${run}`, org: 'gemeente-amsterdam', roles: ['beheerder'] };
const officer: TokenClaims = { sub: `u-po-web-${run}`, org: actors.consulent.organisatie, roles: ['privacy_officer'] };
const consulent: TokenClaims = { sub: actors.consulent.id, org: actors.consulent.organisatie, roles: ['consulent'] };

/** The text of each row's cell in `column` (1-based) of the page's first table body. */
const column = (page: Page, n: number) => page.locator(`tbody tr td:nth-child(${n})`).allTextContents();

test('the beheerder adds an organisation with its werkgebied and a norm through the screens', async () => {
  const base = t.h.baseUrl;
  const b = await pageAs(browser, base, beheerder);
  await visit(b.page, `${base}/app`, 'beheer-start');
  expect(b.page.url()).toBe(`${base}/app/beheer`);
  expect(await check(b.page, 'beheer-start')).toEqual([]);

  // ---- Organisaties: a refused form first, in Dutch with the error summary; nothing is kept ----
  await follow(b.page, 'Organisaties');
  expect(await check(b.page, 'beheer-organisaties')).toEqual([]);
  const before = await t.h.db.organisatie.count();
  await b.page.getByLabel('Organisatiecode').fill('Geen Code');
  await submit(b.page, 'Organisatie opslaan');
  const summary = b.page.locator('#foutoverzicht');
  expect(await summary.locator('h2').textContent()).toBe('Er is iets niet goed ingevuld');
  // One link per refused field, each to its field, which says the same beside it.
  const links = await summary.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).hash));
  expect(links).toEqual(expect.arrayContaining(['#f-id', '#f-naam', '#f-soort']));
  expect(await b.page.locator('#f-soort-error').textContent()).toContain('Kies een van de mogelijkheden');
  expect(await b.page.getByLabel('Organisatiecode').getAttribute('aria-invalid')).toBe('true');
  expect(await b.page.getByLabel('Organisatiecode').inputValue()).toBe('Geen Code'); // what was typed stays
  expect(await t.h.db.organisatie.count()).toBe(before);
  expect(await check(b.page, 'beheer-organisatie-fouten')).toEqual([]);

  await b.page.getByLabel('Organisatiecode').fill(nieuweOrg);
  await b.page.locator('#f-naam').fill(nieuweNaam);
  await b.page.getByLabel('Soort').selectOption({ label: 'Zorginstelling' });
  await b.page.getByLabel('Amsterdam').check();
  await b.page.getByLabel('Utrecht').check();
  await submit(b.page, 'Organisatie opslaan');
  expect(await b.page.getByRole('status').first().textContent()).toContain(
    `Gelukt: ${nieuweNaam} (nieuw) is opgeslagen.`,
  );
  const row = b.page.locator('tbody tr', { hasText: nieuweOrg });
  expect(await row.count()).toBe(1);
  expect(await row.locator('td').allTextContents()).toEqual([
    nieuweNaam,
    nieuweOrg,
    'Zorginstelling',
    'Amsterdam, Utrecht',
    'ja',
    expect.any(String),
  ]);
  expect(await check(b.page, 'beheer-organisatie-opgeslagen')).toEqual([]);

  // Registered and in the werkgebied: its zorgmedewerker may work now.
  const zorg = bearer({ sub: `u-zorg-scherm-${run}`, org: nieuweOrg, roles: ['zorgmedewerker'] });
  expect((await t.api.request('GET', '/te-verdelen', { headers: zorg })).status).toBe(200);

  // ---- Normen: a refused norm, then one for the new organisation, shown by its name ----
  await follow(b.page, 'Normen');
  expect(await check(b.page, 'beheer-normen')).toEqual([]);
  await b.page.getByLabel('Fase').selectOption({ label: 'Zorg en begeleiding' });
  await b.page.locator('#f-organisatie').selectOption({ label: nieuweNaam });
  await b.page.getByLabel('Norm in werkdagen').fill('0');
  await submit(b.page, 'Norm opslaan');
  expect(await b.page.locator('#foutoverzicht').textContent()).toContain('Norm in werkdagen');
  expect(await b.page.locator('#f-werkdagen-error').textContent()).toMatch(/\S/);
  expect(await t.h.db.normInstelling.count({ where: { organisatie: nieuweOrg } })).toBe(0);
  expect(await check(b.page, 'beheer-norm-fout')).toEqual([]);

  await b.page.getByLabel('Norm in werkdagen').fill('7.5');
  await b.page.locator('#f-herinneringBij').fill('0.8');
  await submit(b.page, 'Norm opslaan');
  expect(await b.page.getByRole('status').first().textContent()).toContain('Gelukt: de norm is opgeslagen.');
  const norm = b.page.locator('tbody tr', { hasText: nieuweNaam });
  expect((await norm.locator('td').allTextContents()).slice(0, 4)).toEqual([
    'Zorg en begeleiding',
    nieuweNaam,
    '7,5',
    '0,8',
  ]);
  expect(
    await t.h.db.normInstelling.findUnique({ where: { fase_organisatie: { fase: 'zorg', organisatie: nieuweOrg } } }),
  ).toMatchObject({ werkdagen: 7.5, herinneringBij: 0.8, updatedBy: beheerder.sub });
  expect(await check(b.page, 'beheer-norm-opgeslagen')).toEqual([]);
  await b.context.close();
});

test('the privacy officer reads who saw a case, per case and per user, filters it and downloads the CSV', async () => {
  const base = t.h.baseUrl;
  const { caseId } = (await t.api.start({ ...vvOudere(), zorginstelling: 'zorg-de-brug' })).body;
  const zorgReader = `u-zorg-po-${run}`;
  await t.api.get(caseId, bearer({ sub: zorgReader, org: 'zorg-de-brug', roles: ['zorgmedewerker'] }));

  const o = await pageAs(browser, base, officer);
  await visit(o.page, `${base}/app`, 'privacy-start');
  expect(o.page.url()).toBe(`${base}/app/privacy`);
  expect(await check(o.page, 'privacy-start')).toEqual([]);

  // ---- Per case: the consulent's aanmelding, the zorgmedewerker's reading and this search itself ----
  await o.page.getByLabel('Casus (id)').fill(caseId);
  await submit(o.page, 'Zoeken');
  // The officer's own reading of the start page may be there too: it listed this case.
  const users = new Set(await column(o.page, 2));
  expect([...users].filter((u) => u !== officer.sub).sort()).toEqual([actors.consulent.id, zorgReader].sort());
  expect(new Set(await column(o.page, 5))).toEqual(new Set([caseId.slice(0, 8)]));
  expect(await column(o.page, 3)).toContain('Zorg De Brug');
  expect(await check(o.page, 'privacy-per-casus')).toEqual([]);

  // ---- A filter on the action: only who saw it ----
  await o.page.getByLabel('Actie').selectOption({ label: 'Ingezien' });
  await submit(o.page, 'Zoeken');
  expect(await column(o.page, 2)).toEqual([zorgReader]);
  expect(await column(o.page, 4)).toEqual(['Ingezien']);
  expect(await check(o.page, 'privacy-filter-actie')).toEqual([]);

  // ---- The CSV export of this filter, downloaded ----
  const [download] = await Promise.all([
    o.page.waitForEvent('download'),
    o.page.getByRole('link', { name: 'Exporteren als CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('auditlog.csv');
  const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
  expect(lines[0]).toBe('tijdstip;casus;gebruiker;organisatie;rollen;actie;route;status;weergave;namens;verzoek');
  expect(lines.slice(1).map((l) => l.split(';').slice(1, 3))).toEqual([[caseId, zorgReader]]);

  // ---- Per user: everything that user did among the officer's cases ----
  await o.page.getByLabel('Casus (id)').fill('');
  await o.page.getByLabel('Actie').selectOption({ label: 'Alle acties' });
  await o.page.getByLabel('Gebruiker').fill(zorgReader);
  await submit(o.page, 'Zoeken');
  expect(new Set(await column(o.page, 2))).toEqual(new Set([zorgReader]));
  expect(await column(o.page, 5)).toContain(caseId.slice(0, 8));
  expect(await check(o.page, 'privacy-per-gebruiker')).toEqual([]);

  // ---- A bad filter: Dutch, in the error summary, naming the field ----
  await visit(o.page, `${base}/app/privacy?van=gisteren`, 'privacy-fout');
  expect(await o.page.locator('#foutoverzicht').textContent()).toContain('Vanaf');
  expect(await check(o.page, 'privacy-fout')).toEqual([]);
  await o.context.close();

  // The officer's readings are in the audit log themselves.
  const audits = await t.h.db.auditEntry.count({ where: { actorId: officer.sub, caseId, action: 'audit' } });
  expect(audits).toBeGreaterThanOrEqual(2);
});

test('a role that may not open a page gets "Wat u hier kunt doen", with its own start page', async () => {
  const base = t.h.baseUrl;
  const c = await pageAs(browser, base, consulent);
  const refused = await visit(c.page, `${base}/app/beheer/organisaties`, 'geen-toegang');
  expect(refused?.status()).toBe(403);
  expect(await c.page.locator('h1').textContent()).toBe('Geen toegang');
  expect(await check(c.page, 'geen-toegang')).toEqual([]);
  await follow(c.page, 'Wat u hier kunt doen');
  expect(c.page.url()).toBe(`${base}/app/wat-u-kunt-doen`);
  expect(await c.page.locator('h1').textContent()).toBe('Wat u hier kunt doen');
  expect(await c.page.locator('main li').allTextContents()).toEqual([
    expect.stringContaining('Aanmelden en de casussen van uw wijkteam volgen.'),
  ]);
  expect(await check(c.page, 'wat-u-kunt-doen')).toEqual([]);
  await follow(c.page, 'Ga naar uw casussen');
  expect(c.page.url()).toBe(`${base}/app/casussen`);
  await c.context.close();
});
