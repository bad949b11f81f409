import { randomUUID } from 'node:crypto';
import { createDb, type Db } from '../../prisma/client';
import { doorlooptijd, wachttijdPerPartij } from '../../prisma/reports';
import { testEnv } from '../support/env';

/**
 * The reports read a case's parties from the copies on fase_periodes and wachtbeurten (scopedRows); the
 * triggers of migration 20261202052000_report_scope keep those copies equal to the case's, whoever writes them.
 */
let db: Db;
beforeAll(() => {
  db = createDb(testEnv().DATABASE_URL, 2);
});
afterAll(async () => db?.$disconnect());

const tag = randomUUID().slice(0, 6);
const id = `scope-${tag}`;
const W = `wt-${tag}`;
const Z = `zorg-${tag}`;
const C1 = `corp1-${tag}`;
const C2 = `corp2-${tag}`;
const G = `GM7${tag.replace(/\D/g, '0').slice(0, 3)}`;
const at = (iso: string) => new Date(iso);

async function parties() {
  const [fp] = await db.$queryRaw<Array<Record<string, string | null>>>`
    SELECT gemeente, wijkteam, zorginstelling, corporatie FROM fase_periodes WHERE case_id = ${id}`;
  const [w] = await db.$queryRaw<Array<Record<string, string | null>>>`
    SELECT gemeente, wijkteam, zorginstelling, corporatie FROM wachtbeurten WHERE case_id = ${id}`;
  return { fp, w };
}

const aantal = async (organisatie: string, gemeente?: string) => {
  const scope = { organisatie, gemeente };
  const periodes = (await doorlooptijd(db, scope, { per: 'fase' })).reduce((n, r) => n + r.aantal, 0);
  const beurten = (await wachttijdPerPartij(db, scope, { per: 'organisatie' })).reduce((n, r) => n + r.beurten, 0);
  return { periodes, beurten };
};

test('rows written with other parties take the case’s; a change of the case’s parties follows to its rows', async () => {
  await db.case.create({
    data: {
      id,
      workflowId: `case-${id}`,
      status: 'lopend',
      fase: 'aanbod',
      route: 'zorgwoning',
      deelgroep: 'verstoorde_zelfregulering',
      doelgroep: 'vv',
      gemeente: G,
      wijkteam: W,
      zorginstelling: Z,
      corporatie: C1,
      version: 1,
      state: {},
      startedAt: at('2024-01-02T09:00:00Z'),
      updatedAt: at('2024-01-02T09:00:00Z'),
    },
  });
  // Written as if before the corporatie joined, and with a stale gemeente: the case's own parties win.
  await db.fasePeriode.create({
    data: {
      caseId: id,
      nr: 1,
      fase: 'vraag',
      partij: 'wijkteam',
      organisatie: W,
      doelgroep: 'vv',
      gemeente: 'GM0000',
      wijkteam: W,
      zorginstelling: null,
      corporatie: null,
      startedAt: at('2024-01-02T09:00:00Z'),
      endedAt: at('2024-01-10T09:00:00Z'),
      werkdagen: 6,
    },
  });
  await db.wachtbeurt.create({
    data: {
      caseId: id,
      nr: 1,
      rol: 'consulent',
      organisatie: W,
      fase: 'vraag',
      doelgroep: 'vv',
      startedAt: at('2024-01-02T09:00:00Z'),
      endedAt: at('2024-01-10T09:00:00Z'),
      werkdagen: 5,
    },
  });
  const copy1 = { gemeente: G, wijkteam: W, zorginstelling: Z, corporatie: C1 };
  expect(await parties()).toEqual({ fp: copy1, w: copy1 });
  expect(await aantal(C1)).toEqual({ periodes: 1, beurten: 1 });
  expect(await aantal(`gemeente-${tag}`, G)).toEqual({ periodes: 1, beurten: 1 });

  // The case moves to another corporatie: its earlier period and turn go with it.
  await db.case.update({ where: { id }, data: { corporatie: C2 } });
  const copy2 = { ...copy1, corporatie: C2 };
  expect(await parties()).toEqual({ fp: copy2, w: copy2 });
  expect(await aantal(C1)).toEqual({ periodes: 0, beurten: 0 });
  expect(await aantal(C2)).toEqual({ periodes: 1, beurten: 1 });
  // Counted once although the wijkteam, the zorginstelling and the gemeente all match a gemeente scope of W.
  expect(await aantal(W, G)).toEqual({ periodes: 1, beurten: 1 });

  // Writing the copies directly does not set them apart from the case.
  await db.fasePeriode.update({ where: { caseId_nr: { caseId: id, nr: 1 } }, data: { corporatie: C1 } });
  expect((await parties()).fp).toEqual(copy2);

  await db.$executeRaw`DELETE FROM fase_periodes WHERE case_id = ${id}`;
  await db.$executeRaw`DELETE FROM wachtbeurten WHERE case_id = ${id}`;
  await db.$executeRaw`DELETE FROM cases WHERE id = ${id}`;
});
