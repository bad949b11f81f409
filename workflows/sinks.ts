import type { Sinks } from '@temporalio/workflow';

/**
 * What the case workflow reports to its worker outside the history (a sink: no command, nothing
 * replayed; the worker calls it only when the workflow runs code for the first time).
 */
export interface CaseSinks extends Sinks {
  overdrachten: {
    /** A local activity spent its bounded attempts; the durable activity of the same name takes over. */
    overgedragen(o: { activiteit: string; caseId: string; historyLength: number }): void;
  };
}
