/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { actors, ok } from '../support/api-client';
import {
  buurt,
  kennismaking,
  toewijzingOp,
  overdracht,
  vraag,
  vvOudere,
  woningInDb,
  zorgOpAfspraak,
} from '../support/fixtures';
import { useHarness } from '../support/harness';
import { check, launch, loggedIn, visit, writeReport } from './browser';

const t = useHarness();
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  writeReport('dashboard');
  await browser?.close();
});

// A wijkteam of its own, so cases of other test files in the same database stay out of the figures.
const manager = { sub: 'u-man-1', org: 'wijkteam-dash', roles: ['manager' as const] };
const consulent = { id: 'u-cons-9', organisatie: 'wijkteam-dash', rol: 'consulent' as const };

test('the manager dashboard shows doorlooptijd, trend, open cases and contingent, with filters', async () => {
  const jaar = new Date().getUTCFullYear();
  await t.h.db.contingentAfspraak.create({
    data: {
      corporatie: 'woonstad',
      jaar,
      opgave: 'opgave_1_nabij_steunpunt',
      doelgroep: '*',
      aantal: 10,
      updatedBy: 'test',
    },
  });
  // One case housed through the API, one left open at zorg.
  const id = (await ok(t.api.start(vvOudere(), consulent), 201)).caseId;
  await ok(t.api.step(id, 'vraag', vraag, consulent));
  await ok(t.api.step(id, 'zorg', zorgOpAfspraak, actors.zorg));
  await ok(t.api.step(id, 'woonvorm', { woonvorm: 'geschikt_wonen' }, actors.zorg));
  await ok(t.api.step(id, 'buurt', buurt, actors.verhuur));
  const { woning } = await woningInDb(t.h.db);
  await ok(t.api.step(id, 'aanbod', { woningId: woning.id }, actors.verhuur));
  await ok(t.api.step(id, 'reactie', { besluit: 'accepteert' }, actors.verhuur));
  await ok(t.api.step(id, 'toewijzing', toewijzingOp('rechtstreeks'), actors.verhuur));
  await ok(t.api.step(id, 'overdracht', overdracht, actors.zorg));
  await ok(t.api.step(id, 'overdracht_bevestiging', {}, actors.zorg));
  await ok(t.api.step(id, 'kennismakingsgesprek', kennismaking(), actors.verhuur));
  await ok(t.api.step(id, 'overdracht_bevestiging', {}, actors.verhuur));
  const open = (await ok(t.api.start(vvOudere(), consulent), 201)).caseId;
  await ok(t.api.step(open, 'vraag', vraag, consulent));

  const context = await loggedIn(browser, t.h.baseUrl, manager);
  const page = await context.newPage();
  await visit(page, `${t.h.baseUrl}/app/dashboard`, 'dashboard');
  const main = page.locator('main');
  for (const caption of [
    'Doorlooptijd per stap tegen de norm',
    'Trend per maand',
    'Open casussen naar leeftijd',
    `Contingent ${jaar}`,
    'Vraag en aanbod',
  ]) {
    expect(await page.locator('figcaption', { hasText: caption }).count()).toBe(1);
  }
  expect(await page.locator('svg[role=img]').count()).toBe(5);
  // Doorlooptijd per fase: the vraag step was done by two cases.
  const vraagRij = page.locator('#g-fasen ~ details tr', { hasText: 'Vraag' });
  expect(await vraagRij.locator('td').first().textContent()).toBe('2');
  // Open cases: one at zorg, one in nazorg (still lopend).
  expect(await page.locator('figcaption', { hasText: 'Open casussen' }).textContent()).toContain('2 open');
  // Contingent: 1 of 10 realised for opgave 1.
  const contingentRij = page
    .locator('figure', { has: page.locator('#g-contingent') })
    .locator('tbody tr', { hasText: 'Opgave 1' })
    .first();
  expect((await contingentRij.locator('td').allTextContents()).slice(2, 4)).toEqual(['10', '1']);
  expect(await main.locator('#g-contingent ~ svg text', { hasText: 'beloofd 10' }).count()).toBe(1);
  expect(await check(page, 'dashboard')).toEqual([]);

  // CSV downloads beside the figures: the same report, scope and audit as GET /reports/*, through the session.
  const download = page.getByRole('link', { name: 'Contingent (CSV)' });
  const csv = await page.request.get(new URL((await download.getAttribute('href'))!, t.h.baseUrl).toString());
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toMatch(/woonstad;opgave_1_nabij_steunpunt;.*;10;1/);
  const fasenCsv = await page.request.get(
    new URL(
      (await page.getByRole('link', { name: 'Doorlooptijd per fase (CSV)' }).getAttribute('href'))!,
      t.h.baseUrl,
    ).toString(),
  );
  expect(fasenCsv.status()).toBe(200);
  expect((await page.request.get(`${t.h.baseUrl}/app/dashboard/onbekend.csv`)).status()).toBe(404);

  // Filters: doelgroep that has no cases empties the figures; a bad organisation code is explained next to the field.
  await visit(page, `${t.h.baseUrl}/app/dashboard?doelgroep=ggz`, 'dashboard-ggz');
  expect(await page.locator('figcaption', { hasText: 'Open casussen' }).textContent()).toContain('0 open');
  expect(await main.textContent()).toContain('doelgroep GGZ');
  // The organisation is picked by name; a code that is no organisation code (a hand-made link) is explained.
  const keuze = await page.getByLabel('Organisatie').locator('option').allTextContents();
  expect(keuze).toEqual(expect.arrayContaining(['Alle', 'Woonstad']));
  expect(keuze).not.toContain('woonstad');
  await visit(page, `${t.h.baseUrl}/app/dashboard?organisatie=Woon%20Stad`, 'dashboard-filterfout');
  expect(await page.locator('#f-organisatie-error').textContent()).toContain('kleine letters');
  expect(await check(page, 'dashboard-filterfout')).toEqual([]);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${__dirname}/screenshots/dashboard-print.png`, fullPage: true });

  // Not for other roles.
  const other = await loggedIn(browser, t.h.baseUrl, {
    sub: 'u-verh-1',
    org: 'woonstad',
    roles: ['verhuurmedewerker'],
  });
  const p2 = await other.newPage();
  const res = await p2.goto(`${t.h.baseUrl}/app/dashboard`);
  expect(res?.status()).toBe(403);
  expect((await p2.request.get(`${t.h.baseUrl}/app/dashboard/contingent.csv?jaar=2026`)).status()).toBe(403);
  await other.close();
  await context.close();
});
