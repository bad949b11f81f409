import { randomUUID } from 'node:crypto';
import { createDb, type Db } from '../../prisma/client';
import { plaatsingenPerBuurt } from '../../prisma/woning-repository';
import { testEnv } from '../support/env';

/** plaatsingenPerBuurt counts in [sinds, tot) on the UTC timestamps the placements are stored with. */
let db: Db;
beforeAll(() => {
  db = createDb(testEnv().DATABASE_URL, 2);
});
afterAll(async () => db?.$disconnect());

const tag = randomUUID().slice(0, 6);
const B1 = `BU-${tag}-1`;
const B2 = `BU-${tag}-2`;

test('counts per buurt within the window, the start included and the end not', async () => {
  const rows: Array<[string, string]> = [
    [B1, '2023-05-31T23:59:59.999Z'], // before sinds
    [B1, '2023-06-01T00:00:00.000Z'], // on sinds: counts
    [B1, '2023-06-15T12:00:00.000Z'],
    [B1, '2023-07-01T00:00:00.000Z'], // on tot: does not count
    [B2, '2023-06-30T23:59:59.999Z'],
  ];
  await db.plaatsing.createMany({
    data: rows.map(([buurtcode, at], i) => ({
      caseId: `pb-${tag}-${i}`,
      corporatie: 'c',
      buurtcode,
      doelgroep: 'vv',
      at: new Date(at),
    })),
  });
  const sinds = new Date('2023-06-01T00:00:00Z');
  const tot = new Date('2023-07-01T00:00:00Z');
  expect(await plaatsingenPerBuurt(db, [B1, B2, `BU-${tag}-leeg`], sinds, tot)).toEqual(
    new Map([
      [B1, 2],
      [B2, 1],
    ]),
  );
  expect(await plaatsingenPerBuurt(db, [B1], sinds)).toEqual(new Map([[B1, 3]]));
  expect(await plaatsingenPerBuurt(db, [], sinds)).toEqual(new Map());
});
