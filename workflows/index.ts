// The worker's workflowsPath: every workflow type the worker serves.
export { toewijzingCase } from './case-workflow';
export { retentionSweep } from './retention-workflow';
