// The case's steps: the table (step-specs), the reducer over it, whose turn it is, and what a step does to woningen.
export { rejectStart, rejectStep, applyStep, startCase, type RejectionKind, type StepRejection } from './reducer';
export { turnOf, type Turn } from './turn';
export { woningEffecten, type WoningEffect } from './woning-effects';
export {
  applyBehandelaar,
  applySide,
  openZijdeProbleem,
  partijVan,
  rejectBehandelaar,
  rejectSide,
  rolVan,
  zijden,
  type BehandelaarActie,
  type BehandelaarRequest,
  type SideRequest,
  type VerdelingRejection,
  type Zijde,
} from './verdeling';
