// The case's steps: the table (step-specs), the reducer over it, whose turn it is, and what a step does to woningen.
export { rejectStart, rejectStep, applyStep, startCase, type RejectionKind, type StepRejection } from './reducer';
export { turnOf, type Turn } from './turn';
export { woningEffecten, type WoningEffect } from './woning-effects';
