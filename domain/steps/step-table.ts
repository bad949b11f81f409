import { type CaseState, type Fase, fasen, type Rol, rollen, type StepName, stepNames } from '../types';
import { faseAllows, type PartyKey, rolesFor } from './step-specs';

/**
 * The step table as people read it (docs/steps.md): which steps exist, in which fasen
 * and by which roles, worked out from `specs` so the documentation cannot drift from
 * what the workflow enforces. `npm run docs:steps` writes it; a unit test compares.
 */

export interface StepTableRow {
  step: StepName;
  fasen: Fase[];
  /** Per fase, the roles that may record the step there and the party each acts for. */
  rollen: Array<{ fase: Fase; rollen: Array<{ rol: Rol; party: PartyKey; alleenAlsPartij: boolean }> }>;
}

const openFasen = fasen.filter((f) => f !== 'afgesloten');

/**
 * A state that only says where the case is and who its parties are: that is all the
 * fase and role rules read. `metPartijen` false is a case in which only the wijkteam
 * is known yet, so roles that depend on a party being in the case show as such.
 */
function probe(fase: Fase, metPartijen: boolean): CaseState {
  const partijen: CaseState['partijen'] = metPartijen
    ? { wijkteam: { organisatie: 'w' }, zorginstelling: { organisatie: 'z' }, corporatie: { organisatie: 'c' } }
    : { wijkteam: { organisatie: 'w' } };
  // The regular route; spoed without a care party is described beside the table (docs/rules.md).
  const aanmelding = { deelgroep: 'verstoorde_zelfregulering' } as CaseState['aanmelding'];
  return { status: 'lopend', fase, partijen, aanmelding } as CaseState;
}

export function stepTable(): StepTableRow[] {
  return stepNames.map((step) => {
    const waar = openFasen.filter((f) => faseAllows(step, probe(f, true)));
    return {
      step,
      fasen: waar,
      rollen: waar.map((fase) => {
        const altijd = rolesFor(step, probe(fase, false));
        const metPartijen = rolesFor(step, probe(fase, true));
        return {
          fase,
          rollen: rollen.flatMap((rol) => {
            const party = metPartijen[rol];
            return party ? [{ rol, party, alleenAlsPartij: !altijd[rol] }] : [];
          }),
        };
      }),
    };
  });
}

function fasenLabel(waar: readonly Fase[]): string {
  if (waar.length === openFasen.length) return 'any open fase';
  const zonder = openFasen.filter((f) => !waar.includes(f));
  if (waar.length > 5 && zonder.length <= 2) return `any open fase but ${zonder.join(', ')}`;
  return waar.join(', ');
}

function rollenLabel(r: StepTableRow['rollen'][number]['rollen']): string {
  return r.map((x) => `${x.rol} (${x.party}${x.alleenAlsPartij ? ', once in the case' : ''})`).join(', ');
}

/** The Markdown table written between the markers in docs/steps.md. */
export function stepTableMarkdown(): string {
  const lines = ['| step | fasen | recorded by (role, for which party) |', '|---|---|---|'];
  for (const row of stepTable()) {
    // Fasen with the same roles are written once; a step whose roles differ per fase names each.
    const groups = new Map<string, Fase[]>();
    for (const r of row.rollen) {
      const label = rollenLabel(r.rollen);
      groups.set(label, [...(groups.get(label) ?? []), r.fase]);
    }
    const wie =
      groups.size === 1
        ? [...groups.keys()][0]!
        : [...groups].map(([label, f]) => `in ${f.join(', ')}: ${label}`).join('; ');
    lines.push(`| \`${row.step}\` | ${fasenLabel(row.fasen)} | ${wie} |`);
  }
  return lines.join('\n');
}
