import { createHash, randomUUID } from 'node:crypto';
import {
  WithStartWorkflowOperation,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
  type Client,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Db } from '../../prisma/client';
import {
  findCase,
  findCaseParties,
  listCases,
  listWaitingOn,
  workflowIdFor,
  type CaseFilter,
  type CaseScope,
} from '../../prisma/case-repository';
import { openPeriodes, signalenVan } from '../../prisma/doorlooptijd-repository';
import { claimKey, completeKey, releaseKey, type StoredResponse } from '../../prisma/idempotency-repository';
import { addNoteUpdate, openCaseUpdate, recordStepUpdate } from '../../workflows/messages';
import type { NoteInput, NoteResult } from '../../domain/notes';
import { rejectStart, turnOf, type Zijde } from '../../domain/steps';
import { findOrganisatie } from '../../prisma/organisatie-repository';
import { partijProbleem } from '../auth/routing-policy';
import type { Actor, Aanmelding, CaseState, NazorgAfspraak, StepName, StepResult } from '../../domain/types';
import { standaardNazorgAfspraak } from '../../domain/rules/nazorg';
import type { toewijzingCase } from '../../workflows';
import { HttpError, fromUpdateFailure, isWorkflowGone, notFound } from '../http/errors';
import type { MatchingService } from '../woningen/matching-service';
import { termijnView } from './termijn-view';

export interface CaseServiceDeps {
  client: Client;
  db: Db;
  matching: MatchingService;
  taskQueue: string;
  stepTimeoutMs: number;
  /** The nazorg follow-up every new toewijzing gets (env NAZORG_VERVOLG_MAANDEN, OMKLAP_HERINNERING_DAGEN). */
  nazorg?: NazorgAfspraak | undefined;
}

export interface Reply {
  status: number;
  body: unknown;
  replayed?: boolean;
}

const GRPC_CANCELLED = 1;
const GRPC_DEADLINE_EXCEEDED = 4;
const isCancelledRpc = (err: unknown) =>
  isGrpcServiceError(err) && [GRPC_CANCELLED, GRPC_DEADLINE_EXCEEDED].includes(err.code);

function fingerprint(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Temporal's update id for a keyed request: Temporal then applies it once even if the API retries it. */
/** Scoped by organisation too: two organisations' equal keys on one case must not share an update. */
const updateIdFor = (organisatie: string, key: string) =>
  `step-${createHash('sha256')
    .update(JSON.stringify([organisatie, key]))
    .digest('hex')
    .slice(0, 40)}`;

const reuseConflict = () =>
  new HttpError(422, 'idempotency_key_reused', 'deze Idempotency-Key is al gebruikt voor een ander verzoek', {
    fields: [{ field: 'Idempotency-Key', problem: 'already used for a different request' }],
  });

/**
 * Writes go to Temporal, reads come from the read model. An Idempotency-Key
 * is claimed in the database before anything is sent, so a repeated request
 * returns the first answer and a retry after a crash reuses the same case id
 * or update id, which Temporal deduplicates.
 */
export function createCaseService({
  client,
  db,
  matching,
  taskQueue,
  stepTimeoutMs,
  nazorg = standaardNazorgAfspraak,
}: CaseServiceDeps) {
  /** Waits for the workflow at most stepTimeoutMs; a step still under way may land, so the answer is 503, not 500. */
  async function bounded<T>(call: () => Promise<T>, extra: Record<string, unknown> = {}): Promise<T> {
    try {
      return await client.withAbortSignal(AbortSignal.timeout(stepTimeoutMs), call);
    } catch (err) {
      if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isCancelledRpc(err)) {
        throw new HttpError(
          503,
          'step_pending',
          'the request did not complete in time; repeat it with the same Idempotency-Key',
          extra,
        );
      }
      throw err;
    }
  }

  async function withIdempotency(
    organisatie: string,
    key: string | undefined,
    fp: string,
    newCaseId: string | null,
    run: (caseId: string | null, updateId: string) => Promise<StoredResponse>,
  ): Promise<Reply> {
    if (!key) return run(newCaseId, `step-${randomUUID()}`);
    const claim = await claimKey(db, organisatie, key, fp, newCaseId);
    if (claim.kind !== 'new' && claim.fingerprint !== fp) throw reuseConflict();
    if (claim.kind === 'done') return { ...claim.response, replayed: true };
    try {
      const response = await run(claim.caseId, updateIdFor(organisatie, key));
      await completeKey(db, organisatie, key, response);
      return response;
    } catch (err) {
      // Only a rejected request is released; a timeout keeps the claim so the retry reuses its ids.
      if (err instanceof HttpError && err.status < 500) await releaseKey(db, organisatie, key);
      throw err;
    }
  }

  /**
   * A named zorginstelling or corporatie must be one the register offers for the case's gemeente (routing-policy's
   * one rule): else 422 naming each field. Checked when the request is carried out, so a keyed repeat of a case
   * already started gets its first answer.
   */
  async function refuseIneligibleParties(aanmelding: Aanmelding): Promise<void> {
    const fields: Array<{ field: Zijde; problem: string }> = [];
    for (const zijde of ['zorginstelling', 'corporatie'] as const) {
      const id = aanmelding[zijde];
      if (id === undefined) continue;
      const problem = partijProbleem(id, await findOrganisatie(db, id), zijde, aanmelding.gemeente);
      if (problem) fields.push({ field: zijde, problem });
    }
    if (fields.length)
      throw new HttpError(422, 'rule_violation', fields.map((f) => `${f.field}: ${f.problem}`).join('; '), { fields });
  }

  async function start(aanmelding: Aanmelding, actor: Actor, key: string | undefined): Promise<Reply> {
    const refusal = rejectStart({ caseId: 'new', aanmelding, actor });
    if (refusal) throw new HttpError(403, 'step_forbidden', refusal);
    return withIdempotency(
      actor.organisatie,
      key,
      fingerprint(['start', actor, aanmelding]),
      randomUUID(),
      async (caseId) => {
        await refuseIneligibleParties(aanmelding);
        const id = caseId!;
        const startWorkflowOperation = new WithStartWorkflowOperation<typeof toewijzingCase>('toewijzingCase', {
          workflowId: workflowIdFor(id),
          taskQueue,
          args: [{ caseId: id, aanmelding, actor }],
          // A retried start with the same key finds the case it already created.
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
        const result = await bounded(
          () => client.workflow.executeUpdateWithStart(openCaseUpdate, { startWorkflowOperation }),
          // The case may exist already; its id lets the caller look, and a keyed retry finds it.
          { caseId: id },
        );
        return { status: 201, body: result };
      },
    );
  }

  /** Records a step on a case the caller loaded (and may see): `current` is its read-model state. */
  async function recordStep(
    current: CaseState,
    step: StepName,
    input: unknown,
    actor: Actor,
    key: string | undefined,
  ): Promise<Reply> {
    const { caseId } = current;
    const closed = () =>
      new HttpError(409, 'case_closed', `de casus is afgesloten (${current.uitkomst})`, { currentStep: 'afgesloten' });
    if (current.status === 'afgesloten' && !key) throw closed();
    return withIdempotency(
      actor.organisatie,
      key,
      fingerprint(['step', caseId, step, actor, input]),
      caseId,
      async (_id, updateId) => {
        const handle = client.workflow.getHandle(workflowIdFor(caseId));
        // A keyed repeat of the step that closed the case (its first attempt answered 503) gets that
        // step's answer, which the closed workflow keeps; any other step on a closed case is refused.
        const answerOnClosedCase = async (): Promise<Reply> => {
          if (!key) throw closed();
          try {
            return { status: 200, body: await bounded(() => handle.getUpdateHandle<StepResult>(updateId).result()) };
          } catch (err) {
            if (err instanceof HttpError) throw err;
            if (isWorkflowGone(err)) throw closed();
            throw fromUpdateFailure(err);
          }
        };
        if (current.status === 'afgesloten') return answerOnClosedCase();
        // The workflow cannot read the database: the API adds the woning's data the rules need.
        if (step === 'aanbod') input = await matching.aanbodInput(caseId, input as { woningId: string });
        // The configured follow-up is part of the toewijzing, so a running case keeps the one it was allocated under.
        if (step === 'toewijzing') input = { ...(input as object), nazorgAfspraak: nazorg };
        try {
          const result: StepResult = await bounded(() =>
            handle.executeUpdate(recordStepUpdate, { args: [{ step, input, actor } as never], updateId }),
          );
          return { status: 200, body: result };
        } catch (err) {
          if (err instanceof HttpError) throw err;
          if (isWorkflowGone(err)) return answerOnClosedCase();
          throw fromUpdateFailure(err);
        }
      },
    );
  }

  async function get(caseId: string) {
    const row = await findCase(db, caseId);
    if (!row) throw notFound('case');
    const state = row.state as unknown as CaseState;
    const turn = turnOf(state);
    const [periodes, signalen] = await Promise.all([openPeriodes(db, [caseId]), signalenVan(db, caseId)]);
    return {
      ...summaryOf(row),
      wachtOp: turn.wachtOp,
      mogelijkeStappen: turn.stappen,
      termijn: termijnView(periodes.get(caseId), state),
      signalen: signalen.map((s) => ({
        soort: s.soort,
        fase: s.fase,
        organisatie: s.organisatie,
        dueAt: s.dueAt.toISOString(),
        at: s.at.toISOString(),
        email: s.email,
        webhook: s.webhook,
      })),
      state,
      history: row.events.map((e) => ({
        seq: e.seq,
        step: e.step,
        faseBefore: e.faseBefore,
        faseAfter: e.faseAfter,
        at: e.at.toISOString(),
        actor: { id: e.actorId, rol: e.actorRole, organisatie: e.organisatie },
        summary: e.summary as Record<string, unknown>,
      })),
    };
  }

  /**
   * Adds a note through the case workflow (its history is encrypted; the text reaches the notes table
   * by an activity). With an Idempotency-Key the note id follows from the key, so a repeat lands once.
   */
  async function addNote(
    current: CaseState,
    note: NoteInput,
    actor: Actor,
    authorName: string | undefined,
    key: string | undefined,
  ): Promise<Reply> {
    const { caseId } = current;
    const closed = () => new HttpError(409, 'case_closed', `de casus is afgesloten (${current.uitkomst})`);
    if (current.status === 'afgesloten') throw closed();
    return withIdempotency(
      actor.organisatie,
      key,
      fingerprint(['note', caseId, actor, note]),
      caseId,
      async (_id, updateId) => {
        const handle = client.workflow.getHandle(workflowIdFor(caseId));
        const id = key ? uuidFrom(`${caseId}:${updateId}`) : randomUUID();
        try {
          const result: NoteResult = await bounded(() =>
            handle.executeUpdate(addNoteUpdate, {
              args: [{ id, caseId, actor, ...note, ...(authorName ? { authorName } : {}) }],
              updateId: `note-${id}`,
            }),
          );
          return { status: 201, body: result };
        } catch (err) {
          if (err instanceof HttpError) throw err;
          if (isWorkflowGone(err)) throw closed();
          throw fromUpdateFailure(err);
        }
      },
    );
  }

  const matches = (current: CaseState, o: Parameters<MatchingService['matches']>[1]) => matching.matches(current, o);

  /** The parties and state of a case, for access decisions; null when there is no such case. */
  const parties = (caseId: string) => findCaseParties(db, caseId);

  async function list(filter: CaseFilter, page: { limit: number; offset: number }, scope: CaseScope) {
    const { items, total } = await listCases(db, filter, page, scope);
    return { items: await withTermijn(items), total, ...page };
  }

  /** Open cases waiting on `rol` in the reader's scope, the longest waiting first: an inbox. */
  async function waitingOn(rol: string, scope: CaseScope, page: { limit: number; offset: number }) {
    const { items, total } = await listWaitingOn(db, rol, scope, page);
    return { items: await withTermijn(items), total, ...page };
  }

  async function withTermijn(items: CaseRow[]) {
    const periodes = await openPeriodes(
      db,
      items.map((i) => i.id),
    );
    const now = new Date();
    return items.map((i) => ({
      ...summaryOf(i),
      termijn: termijnView(periodes.get(i.id), i.state as unknown as CaseState, now),
    }));
  }

  /**
   * Sends an update other than a step (acceptSide, assignSide, setBehandelaar) to an open case,
   * keyed like a step: a repeated Idempotency-Key gets the first answer.
   */
  async function sendUpdate<R, A>(
    caseId: string,
    update: UpdateDefinition<R, [A]>,
    arg: A,
    organisatie: string,
    key: string | undefined,
  ): Promise<Reply> {
    const closed = () => new HttpError(409, 'case_closed', 'de casus is afgesloten', { currentStep: 'afgesloten' });
    return withIdempotency(organisatie, key, fingerprint([update.name, caseId, arg]), caseId, async (_id, updateId) => {
      try {
        const handle = client.workflow.getHandle(workflowIdFor(caseId));
        return { status: 200, body: await bounded(() => handle.executeUpdate(update, { args: [arg], updateId })) };
      } catch (err) {
        if (err instanceof HttpError) throw err;
        if (isWorkflowGone(err)) throw closed();
        throw fromUpdateFailure(err);
      }
    });
  }

  /** The list summaries (with the fase's termijn) of the given cases, in the given order. */
  async function summaries(ids: string[]) {
    const rows = ids.length ? await db.case.findMany({ where: { id: { in: ids } } }) : [];
    const byId = new Map((await withTermijn(rows)).map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  return { start, recordStep, addNote, get, list, waitingOn, matches, parties, sendUpdate, summaries };
}
export type CaseService = ReturnType<typeof createCaseService>;

type CaseRow = Awaited<ReturnType<typeof listCases>>['items'][number];

/** A uuid-formatted id derived from `seed`: the same keyed request always names the same note. */
function uuidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function summaryOf(row: CaseRow) {
  return {
    /** Shown to the wijkteam only (case-reader strips it for everyone else). */
    referentie: (row.state as unknown as CaseState).aanmelding?.persoon?.referentie,
    id: row.id,
    status: row.status,
    fase: row.fase,
    route: row.route,
    uitkomst: row.uitkomst,
    deelgroep: row.deelgroep,
    doelgroep: row.doelgroep,
    gemeente: row.gemeente,
    partijen: { wijkteam: row.wijkteam, zorginstelling: row.zorginstelling, corporatie: row.corporatie },
    aanZet: row.aanZetRol ? row.aanZetRol.split(',') : [],
    startedAt: row.startedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}
