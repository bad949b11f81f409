import type { CaseState } from '../types';

/** The state judged by the current rules (regelset absent). */
export function withoutOldRules(state: CaseState): CaseState {
  if (state.regelset === undefined) return state;
  const { regelset: _old, ...rest } = state;
  return rest;
}
