import type { CaseState, Fase, Rol, StepName } from '../types';
import { faseAllows, type PartyKey, rolesFor, specs } from './step-specs';

export interface Turn {
  fase: Fase;
  /** Steps that may be recorded now, each with the roles that may record it and for which organisation (if known). */
  stappen: Array<{ step: StepName; rollen: Array<{ rol: Rol; organisatie?: string | undefined }> }>;
  /** Who the case is waiting on, for people and reports. */
  wachtOp: Array<{ rol: Rol; organisatie?: string | undefined }>;
}

/** Steps that move the case forward; the others (intrekking, verwijzing, ...) are exits or corrections. */
const progressSteps: readonly StepName[] = [
  'vraag',
  'zorg',
  'woonvorm',
  'buurt',
  'persoonlijk_contact',
  'aanbod',
  'reactie',
  'toewijzing',
  'overdracht',
  'overdracht_bevestiging',
  'kennismakingsgesprek',
  'nazorg',
];

/** What may happen next and on whom the case waits: derived from the same specs the workflow enforces. */
export function turnOf(state: CaseState): Turn {
  const stappen: Turn['stappen'] = [];
  for (const step of Object.keys(specs) as StepName[]) {
    if (!faseAllows(step, state) || specs[step].blocked?.(state)) continue;
    const rollen = Object.entries(rolesFor(step, state)).map(([rol, party]) => ({
      rol: rol as Rol,
      organisatie: state.partijen[party as PartyKey]?.organisatie,
    }));
    stappen.push({ step, rollen });
  }
  const wachtOp = new Map<Rol, { rol: Rol; organisatie?: string | undefined }>();
  for (const s of stappen) {
    if (!progressSteps.includes(s.step) || (s.step === 'overdracht' && state.overdracht)) continue;
    for (const r of s.rollen) {
      if (s.step === 'overdracht_bevestiging') {
        const kant = r.rol === 'verhuurmedewerker' ? 'verhuur' : 'zorg';
        if (state.bevestigd[kant]) continue;
        // The care side confirms through the zorginstelling when there is one.
        if (r.rol === 'consulent' && state.partijen.zorginstelling) continue;
      }
      if (s.step === 'overdracht' && r.rol === 'consulent' && state.partijen.zorginstelling) continue;
      wachtOp.set(r.rol, r);
    }
  }
  return { fase: state.fase, stappen, wachtOp: [...wachtOp.values()] };
}
