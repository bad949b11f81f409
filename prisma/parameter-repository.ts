import type { Db } from './client';
import { Prisma } from './client';
import { samengevoegd, type JaarParameters } from '../domain/rules/parameters';

/** Every year's set, oldest first: the built-in sets, and the beheerder's kept sets over them. */
export async function parameterSets(db: Db): Promise<JaarParameters[]> {
  const rows = await db.ruleParameterSet.findMany({ orderBy: { jaar: 'asc' } });
  return samengevoegd(rows.map((r) => ({ ...(r.values as unknown as Omit<JaarParameters, 'jaar'>), jaar: r.jaar })));
}

export async function putParameterSet(db: Db, set: JaarParameters, updatedBy: string): Promise<'created' | 'updated'> {
  const { jaar, ...values } = set;
  const existing = await db.ruleParameterSet.findUnique({ where: { jaar }, select: { jaar: true } });
  await db.ruleParameterSet.upsert({
    where: { jaar },
    create: { jaar, values: values as unknown as Prisma.InputJsonValue, updatedBy },
    update: { values: values as unknown as Prisma.InputJsonValue, updatedBy },
  });
  return existing ? 'updated' : 'created';
}
