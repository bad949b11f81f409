import { condition } from '@temporalio/workflow';
import { nazorgDue, type NazorgDue } from '../domain/rules/nazorg';
import type { CaseState } from '../domain/types';

/** Stable patch id of the nazorg follow-up and omklap timers (rules/nazorg.ts). Never rename. */
export const NAZORG_PATCH = 'nazorg-1';

/**
 * Durable timers of nazorg: sleeps until the next follow-up moment or omklap reminder,
 * raises it, and starts over when a step changes what is due (an omklap recorded or
 * extended, the case closed). A loop of its own beside the doorlooptijd timers, so
 * either can change without the other.
 */
export async function runNazorgTimers(state: () => CaseState, raise: (due: NazorgDue) => void): Promise<void> {
  const dueNow = () => JSON.stringify(nazorgDue(state()));
  while (state().status !== 'afgesloten') {
    const seen = dueNow();
    const changed = () => state().status === 'afgesloten' || dueNow() !== seen;
    const next = nazorgDue(state())[0];
    if (!next) {
      await condition(changed);
      continue;
    }
    const wait = Date.parse(next.dueAt) - Date.now();
    if (wait > 0 && (await condition(changed, wait))) continue;
    raise(next);
  }
}
