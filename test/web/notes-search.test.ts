/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { vvOudere } from '../support/fixtures';
import { useHarness } from '../support/harness';
import { registerOrganisations } from '../support/organisations';
import type { TokenClaims } from '../support/tokens';
import { check, launch, loggedIn, visit, writeReport } from './browser';

// A real browser, axe on every page.
jest.setTimeout(300_000);
const t = useHarness();
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  writeReport('notes-search');
  await browser?.close();
});

const W = 'wijkteam-noord';
const Z = 'zorg-de-brug';
const C = `corp-${randomUUID().slice(0, 8)}`;
const consulent: TokenClaims = { sub: 'u-cons-web', org: W, roles: ['consulent'] };
const zorg: TokenClaims = { sub: 'u-zorg-web', org: Z, roles: ['zorgmedewerker'], name: 'Zora de Zorg' };
const verhuur: TokenClaims = { sub: 'u-verh-web', org: C, roles: ['verhuurmedewerker'] };
// Only registered organisations act (issue 13).
beforeAll(() => registerOrganisations(t.h.db, [{ id: C, soort: 'corporatie' }]));

async function as(claims: TokenClaims) {
  const context = await loggedIn(browser, t.h.baseUrl, claims);
  // The shared CI machine can be slow; the pages themselves are measured by bench:web.
  context.setDefaultTimeout(30_000);
  return { context, page: await context.newPage() };
}
const submit = (page: Page, text: string | RegExp) =>
  Promise.all([page.waitForNavigation({ timeout: 30_000 }), page.getByRole('button', { name: text }).first().click()]);
const unread = async (page: Page) => Number(await page.locator('#meldingen-teller .teller').textContent());

test('the zorg side leaves a note for its own organisation and one for all; the corporatie reads only the second; the wijkteam finds the case by referentie', async () => {
  const base = t.h.baseUrl;
  const aanmelding = { ...vvOudere(), zorginstelling: Z, corporatie: C };
  const started = await t.api.start(aanmelding);
  expect(started.status).toBe(201);
  const id: string = started.body.caseId;
  const caseUrl = `${base}/app/casussen/${id}`;

  // ---- Zorg: a refused note first, then one for the own organisation and one for all ----
  const z = await as(zorg);
  await visit(z.page, caseUrl, 'notities-leeg');
  expect(await z.page.locator('#notities').textContent()).toContain('Er zijn nog geen notities');
  expect(await check(z.page, 'notities-leeg')).toEqual([]);
  await submit(z.page, 'Notitie plaatsen');
  expect(await z.page.locator('#notities .foutmelding').textContent()).toContain('Er is iets niet goed ingevuld');
  expect(await z.page.getByLabel('Tekst van de notitie').getAttribute('aria-invalid')).toBe('true');
  expect(await check(z.page, 'notities-fout')).toEqual([]);

  await z.page.getByLabel('Tekst van de notitie').fill('Intern: begeleider belt dinsdag terug');
  await z.page.getByLabel('Alleen mijn organisatie').check();
  await submit(z.page, 'Notitie plaatsen');
  expect(await z.page.getByRole('status').first().textContent()).toContain('de notitie is geplaatst');
  await z.page.getByLabel('Tekst van de notitie').fill('Bezichtiging graag na 14 uur');
  await z.page.getByLabel(/Alle partijen van deze casus/).check();
  await submit(z.page, 'Notitie plaatsen');
  const thread = z.page.locator('#notities li.notitie');
  expect(await thread.count()).toBe(2);
  expect(await thread.nth(0).textContent()).toContain('Zora de Zorg');
  expect(await thread.nth(0).textContent()).toContain('alleen voor uw organisatie');
  expect(await thread.nth(1).textContent()).toContain('voor alle partijen');
  expect(await check(z.page, 'notities-twee')).toEqual([]);
  await z.context.close();

  // ---- Corporatie: the note for all is a melding; reading the case marks it read ----
  const v = await as(verhuur);
  await visit(v.page, `${base}/app/meldingen`, 'meldingen');
  const before = await unread(v.page);
  expect(before).toBeGreaterThanOrEqual(1);
  const melding = v.page.getByRole('link', { name: `Nieuwe notitie van Zorg De Brug bij casus ${id.slice(0, 8)}` });
  expect(await melding.count()).toBe(1);
  expect(await check(v.page, 'meldingen')).toEqual([]);
  await Promise.all([v.page.waitForNavigation(), melding.click()]);
  const seen = v.page.locator('#notities li.notitie');
  expect(await seen.count()).toBe(1);
  expect(await seen.first().textContent()).toContain('Bezichtiging graag na 14 uur');
  expect(await v.page.locator('body').textContent()).not.toContain('Intern: begeleider');
  expect(await unread(v.page)).toBe(before - 1);
  expect(await check(v.page, 'casus-notities-corporatie')).toEqual([]);

  // Every party finds the case by its short code; the corporatie sees no referentie.
  await visit(v.page, `${base}/app/casussen?zoek=${encodeURIComponent(`Casus ${id.slice(0, 8)}`)}`, 'zoek-code');
  expect(await v.page.locator('tbody tr').count()).toBe(1);
  expect(await v.page.locator('thead').textContent()).not.toContain('Referentie');
  expect(await v.page.locator('body').textContent()).not.toContain(aanmelding.persoon.referentie);
  expect(await check(v.page, 'zoek-code')).toEqual([]);
  await v.context.close();

  // ---- Wijkteam: finds the case by referentie, typed loosely; marks its melding read ----
  const c = await as(consulent);
  await visit(c.page, `${base}/app/casussen`, 'casussen-zoeken');
  await c.page.getByLabel('Zoek op casuscode of referentie').fill(` ${aanmelding.persoon.referentie.toLowerCase()} `);
  await submit(c.page, 'Filteren');
  const rows = c.page.locator('tbody tr');
  expect(await rows.count()).toBe(1);
  expect(await rows.first().textContent()).toContain(`Casus ${id.slice(0, 8)}`);
  expect(await rows.first().textContent()).toContain(aanmelding.persoon.referentie);
  expect(await check(c.page, 'zoek-referentie')).toEqual([]);
  await c.page.getByLabel('Zoek op casuscode of referentie').fill('geen geldige %%');
  await submit(c.page, 'Filteren');
  expect(await c.page.locator('#f-zoek-error').textContent()).toContain('casuscode');

  await visit(c.page, `${base}/app/meldingen`, 'meldingen-wijkteam');
  const count = await unread(c.page);
  expect(count).toBeGreaterThanOrEqual(1);
  const item = c.page.locator('ul.meldingen li.ongelezen', {
    hasText: `Nieuwe notitie van Zorg De Brug bij casus ${id.slice(0, 8)}`,
  });
  expect(await item.count()).toBe(1);
  await Promise.all([
    c.page.waitForURL(/gedaan=gelezen/, { timeout: 30_000 }),
    item.getByRole('button', { name: /^Gelezen/ }).click(),
  ]);
  expect(await unread(c.page)).toBe(count - 1);
  expect(await c.page.getByRole('status').first().textContent()).toContain('gemarkeerd als gelezen');
  expect(await check(c.page, 'meldingen-gelezen')).toEqual([]);
  await c.context.close();
});
