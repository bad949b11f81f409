import type { Zijde } from '../../domain/steps';

/**
 * What an organisation that may accept an open side sees before it is a party: only what it needs
 * to decide. One table, read top to bottom; every field not in it (the person, the indicatie, the
 * vraag, the zorg, the parties) is left out, and the tests derive their checks from it.
 * - corporatie: fase, gemeente, urgency, deelgroep and route, the woonvorm once chosen.
 * - zorginstelling: the same and the doelgroep, the kind of care asked for.
 */
export const shown = {
  corporatie: ['caseId', 'zijde', 'fase', 'gemeente', 'urgent', 'deelgroep', 'route', 'woonvorm', 'sinds'],
  zorginstelling: [
    'caseId',
    'zijde',
    'fase',
    'gemeente',
    'urgent',
    'deelgroep',
    'route',
    'woonvorm',
    'doelgroep',
    'sinds',
  ],
} as const satisfies Record<Zijde, readonly string[]>;

export type VerdelingVeld = (typeof shown)[Zijde][number];

/** A read-model row of an open case, as the repository gives it. */
export interface OpenSideRow {
  id: string;
  fase: string;
  gemeente: string;
  deelgroep: string;
  doelgroep: string;
  route: string;
  startedAt: Date;
  state: unknown;
}

const stateOf = (row: OpenSideRow) =>
  row.state as { aanmelding?: { urgent?: boolean }; woonvorm?: { woonvorm?: string } } | null;

const source: Record<VerdelingVeld, (row: OpenSideRow, zijde: Zijde) => unknown> = {
  caseId: (r) => r.id,
  zijde: (_r, z) => z,
  fase: (r) => r.fase,
  gemeente: (r) => r.gemeente,
  urgent: (r) => stateOf(r)?.aanmelding?.urgent === true,
  deelgroep: (r) => r.deelgroep,
  route: (r) => r.route,
  woonvorm: (r) => stateOf(r)?.woonvorm?.woonvorm ?? null,
  doelgroep: (r) => r.doelgroep,
  sinds: (r) => r.startedAt.toISOString(),
};

/** The open side of `row` as its candidates of `zijde` may see it, and nothing more. */
export function verdelingItem(row: OpenSideRow, zijde: Zijde): Record<string, unknown> {
  return Object.fromEntries(shown[zijde].map((f) => [f, source[f](row, zijde)]));
}
