/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../api/app';
import { ensureLocalKeys, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../api/auth/local-issuer';
import { localWebLogin } from '../../api/web/local-login';
import { createLogger } from '../../platform/logger';
import { workflowIdFor } from '../../prisma/case-repository';
import { woningInDb } from '../support/fixtures';
import { unlimitedLimits, useHarness } from '../support/harness';
import { check, fillAanmelding, launch, loggedIn, overflowsHorizontally, timings, visit, writeReport } from './browser';
import path from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

// A real browser, axe on every page: slower than the API tests.
jest.setTimeout(300_000);
const t = useHarness();
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  writeReport('journey');
  await browser?.close();
});

const consulent = { sub: 'u-cons-1', org: 'wijkteam-noord', roles: ['consulent' as const] };
const zorg = { sub: 'u-zorg-1', org: 'zorg-de-brug', roles: ['zorgmedewerker' as const] };
const verhuur = { sub: 'u-verh-1', org: 'woonstad', roles: ['verhuurmedewerker' as const] };

async function as(
  claims: typeof consulent | typeof zorg | typeof verhuur,
  viewport?: { width: number; height: number },
) {
  const context = await loggedIn(browser, t.h.baseUrl, claims, viewport);
  return { context, page: await context.newPage() };
}

const submit = (page: Page, text: string | RegExp) =>
  Promise.all([page.waitForNavigation(), page.getByRole('button', { name: text }).click()]);

test('three roles take a case from aanmelding to nazorg through the web app', async () => {
  const base = t.h.baseUrl;
  const { woning } = await woningInDb(t.h.db);

  // ---- Consulent: a new aanmelding, refused first, then accepted ----
  const c = await as(consulent);
  // wijkteam-noord works for two gemeenten: first the gemeente, by name.
  await visit(c.page, `${base}/app/casussen/nieuw`, 'nieuwe-aanmelding-gemeente');
  expect(await check(c.page, 'nieuwe-aanmelding-gemeente')).toEqual([]);
  await c.page.getByLabel('Gemeente').selectOption({ label: 'Amsterdam' });
  await submit(c.page, 'Verder');
  expect(await check(c.page, 'nieuwe-aanmelding')).toEqual([]);
  await c.page.getByLabel('Referentie van de persoon').fill('123456782'); // an eleven-test BSN: refused, as by the API
  await submit(c.page, 'Aanmelding versturen');
  expect(await c.page.locator('#foutoverzicht').textContent()).toContain('Er is iets niet goed ingevuld');
  expect(await c.page.locator('#f-persoon-referentie-error').textContent()).toContain('BSN');
  expect(await c.page.locator('#f-deelgroep-error').textContent()).toContain('Kies een van de mogelijkheden');
  expect(await c.page.getByLabel('Referentie van de persoon').getAttribute('aria-invalid')).toBe('true');
  expect(await check(c.page, 'nieuwe-aanmelding-fouten')).toEqual([]);

  await fillAanmelding(c.page, 'WT-2026-0042');
  // By code: the suite's shared register also holds other organisations named Zorg De Brug and Woonstad.
  await c.page.getByLabel('Zorginstelling').selectOption({ value: 'zorg-de-brug' });
  await c.page.getByLabel('Woningcorporatie').selectOption({ value: 'woonstad' });
  await submit(c.page, 'Aanmelding versturen');
  const caseUrl = c.page.url().replace(/\?.*$/, '');
  const id = caseUrl.split('/').pop()!;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(await c.page.getByRole('status').textContent()).toContain('de aanmelding is verstuurd');
  expect(await check(c.page, 'casus-vraag')).toEqual([]);

  // The vraag form, offered because turnOf says it is the consulent's turn.
  await c.page.getByLabel('Voor de lange termijn wonen').check();
  await c.page.getByLabel('Alleen wonen').check();
  await c.page.getByLabel('Geen voorkeur').check();
  await submit(c.page, 'Vraag vastleggen');
  expect(await c.page.locator('main').textContent()).toContain('U hoeft nu niets te doen');

  await visit(c.page, `${base}/app/casussen`, 'mijn-casussen');
  const row = c.page.locator('tr', { has: c.page.locator(`a[href="/app/casussen/${id}"]`) });
  expect(await row.textContent()).toContain('Zorg en begeleiding');
  expect(await row.textContent()).toContain('zorgmedewerker');
  expect(await check(c.page, 'mijn-casussen')).toEqual([]);

  // ---- Zorgmedewerker: inbox, zorg, woonvorm with the advice ----
  const z = await as(zorg);
  await visit(z.page, `${base}/app/inbox`, 'inbox-zorg');
  expect(await z.page.locator(`a[href="/app/casussen/${id}"]`).count()).toBe(1);
  expect(await check(z.page, 'inbox-zorg')).toEqual([]);
  await z.page.locator(`a[href="/app/casussen/${id}"]`).click();
  await z.page.getByLabel('Op afspraak').check();
  await z.page.getByLabel('Een verbinding met een zorgsteunpunt of buurtkamer is gewenst').check();
  await z.page.getByLabel('Ambulant (ondersteuning thuis)').check();
  await z.page.getByLabel('Sober (bescheiden woning)').check();
  await submit(z.page, 'Zorg vastleggen');
  const advies = z.page.locator('.advies');
  expect(await advies.textContent()).toContain('Aanbevolen');
  expect(await advies.textContent()).toContain(
    'Vpt (volledig pakket thuis) past bij geschikt, beschut of beschermd wonen.',
  );
  expect(await check(z.page, 'casus-woonvorm-advies')).toEqual([]);
  await z.page.getByLabel('Geschikt wonen', { exact: true }).check();
  await submit(z.page, 'Woonvorm vastleggen');

  // ---- Verhuurmedewerker: inbox, buurt, matching, aanbod, reactie, toewijzing ----
  const v = await as(verhuur);
  await visit(v.page, `${base}/app/inbox`, 'inbox-verhuur');
  expect(await v.page.locator(`a[href="/app/casussen/${id}"]`).count()).toBe(1);
  expect(await check(v.page, 'inbox-verhuur')).toEqual([]);
  await visit(v.page, caseUrl, 'casus-buurt');
  // Minimisation: the corporatie does not see the doelgroep or the indicatie.
  expect(await v.page.locator('main').textContent()).not.toContain('V&V (ouderen)');
  expect(await v.page.locator('main').textContent()).toContain('Begeleiding geregeld');
  await v.page.getByLabel('Buurt (CBS-buurtcode)').fill('BU03630101');
  await v.page.getByLabel('Opgave 1 – nabij een zorgsteunpunt').check();
  await v.page.getByLabel('De draagkracht van de buurt is besproken met de zorgmedewerker').check();
  await submit(v.page, 'Buurt vastleggen');
  await v.page.getByRole('link', { name: 'Passende woningen bekijken' }).click();
  expect(await v.page.locator('main').textContent()).toContain(`Woning ${woning.referentie}`);
  expect(await v.page.locator('main').textContent()).toContain('Waarom deze woning past');
  expect(await check(v.page, 'matching')).toEqual([]);
  await v.page.getByRole('link', { name: /Toon ook de woningen die niet passen/ }).click();
  expect(await check(v.page, 'matching-uitgesloten')).toEqual([]);
  await submit(v.page, 'Woning aanbieden'); // nothing chosen
  expect(await v.page.locator('#f-woningId-error').textContent()).toContain('Kies een woning');
  await v.page.getByLabel(new RegExp(`Woning ${woning.referentie}`)).check();
  await submit(v.page, 'Woning aanbieden');
  expect(v.page.url()).toContain(`/app/casussen/${id}`);
  await v.page.getByLabel('Accepteert').check();
  await submit(v.page, 'Reactie vastleggen');
  expect(await check(v.page, 'casus-toewijzing')).toEqual([]);
  await v.page.getByLabel('Rechtstreekse verhuur').check();
  await submit(v.page, 'Woning toewijzen');

  // ---- Warme overdracht: drawn up by the zorgmedewerker, confirmed by both sides on the printable document ----
  await visit(z.page, caseUrl, 'casus-overdracht');
  const ov = z.page.locator('#stap-overdracht');
  await ov.getByLabel('Woonplek').fill('Zelfstandig appartement in cluster, begane grond');
  await ov.getByRole('group', { name: 'Afspraak 1' }).getByLabel('Wie').fill('zorg-de-brug');
  await ov
    .getByRole('group', { name: 'Afspraak 1' })
    .getByLabel('Wat')
    .fill('ambulante begeleiding twee keer per week');
  const cp = ov.getByRole('group', { name: 'Contactpersoon 1' });
  await cp.getByLabel('Rol').fill('begeleider');
  await cp.getByLabel('Organisatie').selectOption({ label: 'Zorg De Brug' });
  await cp.getByLabel('Naam').fill('M. de Vries');
  const sg = ov.getByRole('group', { name: 'Signaal 1' });
  await z.page.locator('#f-overdracht-signaleringsafspraken-0-signaal').selectOption('huurachterstand');
  await sg.getByLabel('Afspraak').fill('corporatie belt begeleider binnen een week');
  expect(await check(z.page, 'casus-overdracht-formulier')).toEqual([]);
  await submit(z.page, 'Overdracht vastleggen');
  await visit(z.page, `${caseUrl}/overdracht`, 'overdracht-document');
  expect(await z.page.locator('main').textContent()).toContain('ambulante begeleiding twee keer per week');
  await submit(z.page, /Overdracht bevestigen namens Zorg De Brug/);
  expect(await z.page.locator('main').textContent()).toMatch(/Zorgkant.*Bevestigd op/s);

  await visit(v.page, `${caseUrl}/overdracht`, 'overdracht-document');
  await submit(v.page, /Overdracht bevestigen namens Woonstad/);
  expect(await check(v.page, 'overdracht-document')).toEqual([]);
  await v.page.emulateMedia({ media: 'print' });
  await v.page.screenshot({
    path: path.join(__dirname, 'screenshots', 'overdracht-document-print.png'),
    fullPage: true,
  });
  expect(await v.page.locator('form').first().isVisible()).toBe(false); // the print stylesheet hides forms and navigation
  await v.page.pdf({ path: path.join(__dirname, 'screenshots', 'overdracht-document.pdf'), format: 'A4' });
  await v.page.emulateMedia({ media: 'screen' });

  await visit(v.page, caseUrl, 'casus-kennismaking');
  await v.page.getByLabel('De verwachtingen zijn besproken').check();
  for (const wie of ['De bewoner', 'De zorgorganisatie', 'De verhuurder'])
    await v.page.getByLabel(wie, { exact: true }).check();
  await submit(v.page, 'Gesprek vastleggen');

  // ---- Consulent closes with nazorg; the timeline shows every step with time, actor and organisation ----
  await visit(c.page, caseUrl, 'casus-nazorg');
  await c.page.getByLabel('Stabiel').check();
  await submit(c.page, 'Nazorg vastleggen');
  // nazorg@1: stabiel is a follow-up moment; closing before the agreed follow-up asks a reason.
  await c.page
    .locator('#stap-nazorg_afsluiting')
    .getByLabel('Reden')
    .fill('Stabiel; vervolg in overleg eerder afgerond');
  await submit(c.page, 'Nazorg afsluiten');
  const timeline = c.page.locator('ol.tijdlijn li');
  expect(await timeline.count()).toBe(14);
  expect(await timeline.nth(3).textContent()).toMatch(/Woonvorm kiezen.*u-zorg-1.*zorgmedewerker.*Zorg De Brug/s);
  expect(await c.page.locator('main').textContent()).toContain('Gehuisvest');
  expect(await check(c.page, 'casus-afgesloten')).toEqual([]);

  const history = await t.h.db.caseEvent.findMany({ where: { caseId: id }, orderBy: { seq: 'asc' } });
  expect(history.map((e) => e.step)).toEqual([
    'aanmelding',
    'vraag',
    'zorg',
    'woonvorm',
    'buurt',
    'aanbod',
    'reactie',
    'toewijzing',
    'overdracht',
    'overdracht_bevestiging',
    'overdracht_bevestiging',
    'kennismakingsgesprek',
    'nazorg',
    'nazorg_afsluiting',
  ]);
  const audit = await t.h.db.auditEntry.findMany({ where: { caseId: id, route: { startsWith: 'GET /app' } } });
  expect(audit.length).toBeGreaterThan(5);
  expect(workflowIdFor(id)).toBe(`case-${id}`);
  for (const s of [c, z, v]) await s.context.close();
});

test('a double submit of one form records the step once (idempotency key per form)', async () => {
  const { page, context } = await as(consulent);
  await visit(page, `${t.h.baseUrl}/app/casussen/nieuw?gemeente=GM0363`, 'nieuwe-aanmelding');
  const form = page.locator('form.formulier');
  const fields = Object.fromEntries(
    await form
      .locator('input[type=hidden]')
      .evaluateAll((els) => els.map((e) => [(e as HTMLInputElement).name, (e as HTMLInputElement).value])),
  ) as Record<string, string>;
  const body = new URLSearchParams({
    ...fields,
    'persoon.referentie': 'WT-2026-0099',
    'persoon.huishoudgrootte': '2',
    'persoon.inkomensgroep': 'passendheidsgroep',
    'persoon.huidigeSituatie': 'thuis',
    deelgroep: 'spoed',
    doelgroep: 'statushouder',
    'indicatie.wet': 'geen',
    gemeente: 'GM0363',
    zorginstelling: 'open',
    corporatie: 'open',
  }).toString();
  const post = () =>
    page.request.post(`${t.h.baseUrl}/app/casussen/nieuw`, {
      data: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.h.baseUrl },
      maxRedirects: 0,
    });
  const [a, b] = await Promise.all([post(), post()]);
  expect(a.status()).toBe(303);
  expect(b.status()).toBe(303);
  expect(a.headers().location).toBe(b.headers().location);
  const id = a.headers().location!.split('/').pop()!.split('?')[0]!;
  expect(await t.h.db.case.count({ where: { id } })).toBe(1);
  // Without the CSRF token the same post is refused.
  const forged = await page.request.post(`${t.h.baseUrl}/app/casussen/nieuw`, {
    data: body.replace(/_csrf=[^&]*/, '_csrf=x'),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  await context.close();
});

test('woningaanbod list and CSV import, and the pages at 1280 px and on a tablet', async () => {
  const { page, context } = await as(verhuur);
  await visit(page, `${t.h.baseUrl}/app/woningen`, 'woningaanbod');
  expect(await check(page, 'woningaanbod')).toEqual([]);
  const dir = mkdtempSync(path.join(tmpdir(), 'woningen-'));
  const csv = path.join(dir, 'mutaties.csv');
  writeFileSync(
    csv,
    [
      'referentie;gemeente;buurtcode;woonvorm;kamers;kaleHuur;servicekosten;zelfstandig;drempelsOverbrugd;gangbreedteCm;noodoproep;gemeenschappelijkeRuimte;opgave;beschikbaarVanaf',
      'WEB-IMPORT-1;GM0363;BU03630101;geschikt_wonen;2;590,00;35,00;ja;ja;120;ja;ja;opgave_1_nabij_steunpunt;2026-01-01',
      'WEB-IMPORT-2;GM0363;BU0363;geschikt_wonen;2;590,00;35,00;ja;ja;120;ja;ja;opgave_1_nabij_steunpunt;2026-01-01',
    ].join('\n'),
  );
  await page.getByLabel(/CSV-bestand/).setInputFiles(csv);
  await submit(page, 'Importeren');
  expect(await page.getByRole('status').textContent()).toContain('1 nieuw, 0 bijgewerkt, 1 regel geweigerd');
  expect(await page.locator('table').first().textContent()).toContain('buurtcode');
  expect(await page.locator('main').textContent()).toContain('WEB-IMPORT-1');
  expect(await check(page, 'woningaanbod-import')).toEqual([]);
  await context.close();

  for (const [name, viewport] of [
    ['1280', { width: 1280, height: 800 }],
    ['tablet', { width: 768, height: 1024 }],
  ] as const) {
    for (const [who, claims, url] of [
      ['consulent', consulent, '/app/casussen'],
      ['consulent', consulent, '/app/casussen/nieuw'],
      ['verhuur', verhuur, '/app/inbox'],
      ['verhuur', verhuur, '/app/woningen'],
    ] as const) {
      const s = await as(claims, viewport);
      await visit(s.page, `${t.h.baseUrl}${url}`, `${name}${url.replace(/\//g, '-')}`);
      expect({ url, viewport: name, overflow: await overflowsHorizontally(s.page) }).toEqual({
        url,
        viewport: name,
        overflow: false,
      });
      await s.page.screenshot({
        path: path.join(__dirname, 'screenshots', `viewport-${name}-${who}${url.replace(/\//g, '-')}.png`),
        fullPage: true,
      });
      await s.context.close();
    }
  }
  // Keyboard: the skip link is the first stop and moves focus to the main content.
  const k = await as(consulent);
  await visit(k.page, `${t.h.baseUrl}/app/casussen`, 'mijn-casussen');
  await k.page.keyboard.press('Tab');
  expect(await k.page.evaluate(() => document.activeElement?.textContent)).toBe('Naar de inhoud');
  await k.page.keyboard.press('Enter');
  expect(await k.page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
  await k.context.close();
  expect(Math.max(...timings.map((x) => x.ms))).toBeLessThan(3000);
});

test('without a session the pages send the browser to the login page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${t.h.baseUrl}/app/casussen`);
  expect(page.url()).toContain('/app/inloggen');
  expect(await page.locator('h1').textContent()).toContain('Inloggen');
  expect(await check(page, 'inloggen')).toEqual([]);
  await context.close();
});

test('with the local issuer, the login page issues a session cookie (HttpOnly, SameSite=Strict)', async () => {
  const { jwksFile } = await ensureLocalKeys(mkdtempSync(path.join(tmpdir(), 'web-auth-')));
  const auth = { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, jwksFile };
  const app = buildApp({
    client: t.h.client,
    db: t.h.db,
    log: createLogger('web-login-test', 'silent'),
    namespace: t.h.env.TEMPORAL_NAMESPACE,
    taskQueue: t.h.env.TEMPORAL_TASK_QUEUE,
    stepTimeoutMs: 30_000,
    auth,
    webLogin: localWebLogin(auth),
    limits: unlimitedLimits,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await visit(page, `${base}/app/casussen`, 'inloggen');
    expect(page.url()).toContain('/app/inloggen');
    expect(await check(page, 'inloggen')).toEqual([]);
    await page.getByLabel('Gebruikerscode').fill('u-cons-7');
    // The organisation is picked from the register (the harness registers wijkteam-zuid).
    await page.locator('#f-org').selectOption('wijkteam-zuid');
    await page.getByLabel('Consulent (wijkteam)').check();
    await submit(page, 'Inloggen');
    expect(await page.locator('h1').textContent()).toBe('Mijn casussen');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'toewijzing_sessie', httpOnly: true, sameSite: 'Strict', path: '/app' });
    await submit(page, 'Uitloggen');
    expect(page.url()).toContain('/app/inloggen');
    // The session cookie is gone (the login form's pre-login CSRF cookie is back with the login page).
    expect((await context.cookies()).map((c) => c.name)).toEqual(['toewijzing_inlog']);
    await context.close();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('woning form, CSV template and a red summary when every row is refused (issue 15 item 6)', async () => {
  const { page, context } = await as(verhuur);
  const ref = `WEB-FORM-${Date.now().toString(36).toUpperCase()}`;
  await visit(page, `${t.h.baseUrl}/app/woningen`, 'woningaanbod-formulier');

  // The form refuses what the API refuses, naming the field, and keeps the values.
  await page.locator('#f-referentie').fill(ref);
  await page.locator('#f-gemeente').fill('GM0363');
  await page.locator('#f-buurtcode').fill('BU03630101');
  await page.locator('#f-woonvorm').selectOption('onzelfstandige_eenheid');
  await page.locator('#f-kamers').fill('1');
  await page.locator('#f-kaleHuur').fill('450.00');
  await page.locator('#f-servicekosten').fill('60.00');
  await page.locator('#f-subsidiabeleServicekosten').fill('25.00');
  await page.locator('#f-gangbreedteCm').fill('110');
  await page.locator('#f-opgave').selectOption('opgave_2_gespikkeld');
  await page.locator('#f-beschikbaarVanaf').fill('2026-12-15');
  await page.locator('#f-brandveiligheidTypering').selectOption('zorgclusterwoning');
  await submit(page, 'Woning toevoegen');
  expect(await page.locator('#foutoverzicht').textContent()).toContain('zorgclusterwoning is een zelfstandige woning');
  expect(await page.locator('#f-referentie').inputValue()).toBe(ref);
  expect(await check(page, 'woningaanbod-formulier-fouten')).toEqual([]);

  await page.locator('#f-brandveiligheidTypering').selectOption('groepszorgwoning');
  await page.locator('#f-brandmeldinstallatie').selectOption('met_doormelding');
  await submit(page, 'Woning toevoegen');
  expect(await page.getByRole('status').first().textContent()).toContain('de woning is toegevoegd');
  const row = await t.h.db.woning.findFirstOrThrow({ where: { corporatie: 'woonstad', referentie: ref } });
  expect(row).toMatchObject({
    woonvorm: 'onzelfstandige_eenheid',
    zelfstandig: false,
    kaleHuurCent: 45000,
    subsidiabeleServicekostenCent: 2500,
    brandveiligheidTypering: 'groepszorgwoning',
    brandmeldinstallatie: 'met_doormelding',
  });

  // The template has every column the import knows, the example file's among them, and imports as it is.
  const sjabloon = await page.request.get(`${t.h.baseUrl}/app/woningen/sjabloon.csv`);
  expect(sjabloon.status()).toBe(200);
  expect(sjabloon.headers()['content-type']).toContain('text/csv');
  const tekst = (await sjabloon.text()).replace(/^\ufeff/, '');
  const kolommen = tekst.split(/\r?\n/)[0]!.split(';');
  const voorbeeld = readFileSync(path.join(__dirname, '../../docs/examples/woningen.csv'), 'utf8').split('\n')[0]!;
  expect(voorbeeld.split(';')).toEqual(expect.arrayContaining(kolommen.filter((k) => k !== 'wijk')));
  expect(kolommen).toEqual(expect.arrayContaining(voorbeeld.split(';')));
  expect(await page.locator('table.uitleg').textContent()).toContain('subsidiabeleServicekosten');

  // Every row refused: the summary is red (foutmelding), and a long problem wraps instead of being clipped.
  const dir = mkdtempSync(path.join(tmpdir(), 'woningen-'));
  const csv = path.join(dir, 'fout.csv');
  const lang = `${'x'.repeat(30)}`;
  writeFileSync(csv, `${kolommen.join(';')}\n${tekst.split(/\r?\n/)[1]!.replace('GM0363', lang)}\n`);
  await page.getByLabel(/CSV-bestand/).setInputFiles(csv);
  await submit(page, 'Importeren');
  const samenvatting = page.locator('.foutmelding[role="status"]');
  expect(await samenvatting.textContent()).toContain('Geen enkele regel is ingelezen');
  const cel = page.locator('td.bericht').first();
  const { scrollWidth, clientWidth } = await cel.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  expect(await overflowsHorizontally(page)).toBe(false);
  expect(await check(page, 'woningaanbod-import-geweigerd')).toEqual([]);
  await context.close();

  // The beheerder's parameters screen lists the rule parameter sets, this year's test set among them (issue 14 item 11).
  const beheer = await loggedIn(browser, t.h.baseUrl, {
    sub: 'u-beheer-1',
    org: 'gemeente-amsterdam',
    roles: ['beheerder'],
  });
  const b = await beheer.newPage();
  await visit(b, `${t.h.baseUrl}/app`, 'beheer-start');
  expect(b.url()).toBe(`${t.h.baseUrl}/app/beheer`);
  // This year has its (test) set: a warning, if any, is about a year still to come.
  for (const w of await b.locator('.waarschuwing').allTextContents())
    expect(w).toContain(`${new Date().getFullYear() + 1}`);
  await visit(b, `${t.h.baseUrl}/app/beheer/parameters`, 'beheer-parameters');
  expect(await b.locator('h1').textContent()).toContain('Regelparameters');
  expect(await b.locator('table').first().textContent()).toContain(`${new Date().getFullYear()}`);
  expect(await b.locator('table').first().textContent()).toContain('TESTWAARDEN');
  expect(await check(b, 'beheer-parameters')).toEqual([]);
  await beheer.close();
});
