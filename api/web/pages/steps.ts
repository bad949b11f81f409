import type { Router } from 'express';
import { stepNames, type StepName } from '../../../domain/types';
import { canRecordStep, stepRoles } from '../../auth/access-policy';
import { actorFrom } from '../../auth/actor';
import { principalOf } from '../../auth/authenticate';
import { aanbodRequestSchema, apiStepSchemas } from '../../cases/case-schemas';
import { HttpError } from '../../http/errors';
import { echo, fieldErrors, readForm, type FieldErrors, type Field } from '../forms';
import { formatMessages, stepForms } from '../step-forms';
import type { CaseRenderers } from './case-render';
import { formKey, type WebContext } from './context';
import { dutchRefusal } from './refusals';

/** The aanbod is made from the matches page: which woning, and when the bezichtiging is. */
const aanbodFields: readonly Field[] = [
  { kind: 'text', name: 'woningId', label: '' },
  { kind: 'date', name: 'bezichtigingOp', label: '' },
];

/** The form of a step as the step's JSON body, checked with the same schema as POST /cases/:id/steps/:step. */
function parseStepForm(step: StepName, body: Record<string, unknown>) {
  if (step === 'aanbod') return aanbodRequestSchema.safeParse(readForm(aanbodFields, body));
  const spec = stepForms[step];
  const form = readForm(spec.fields, body);
  return apiStepSchemas[step].safeParse(spec.toBody ? spec.toBody(form) : form);
}

/**
 * Recording a step from its form, through the same case service, access rule and schema as the JSON route.
 * Done: back to the case page (or the overdracht document) with a flash. Refused: the same page with the form,
 * its values and the refusal in Dutch.
 */
export function stepPages(router: Router, { cases, reader, audit }: WebContext, render: CaseRenderers) {
  router.post('/casussen/:id/stappen/:step', async (req, res) => {
    const p = principalOf(req);
    const id = req.params.id as string;
    const step = req.params.step as StepName;
    if (!(stepNames as readonly string[]).includes(step))
      throw new HttpError(404, 'not_found', 'deze stap bestaat niet');
    const body = req.body as Record<string, unknown>;
    const key = formKey(body);
    const terug = req.query.terug === 'overdracht' ? 'overdracht' : undefined;
    const { state } = await reader.visibleCase(req, p, id, (pr, c, s) => canRecordStep(pr, c, s, step));

    const refuse = async (errors: FieldErrors, general: string | undefined, status: number) => {
      if (step === 'aanbod') return render.renderMatches(req, res, id, { errors, general, values: echo(body), status });
      if (terug === 'overdracht') {
        return render.renderHandover(req, res, id, { form: { step, values: {}, errors, general, key }, status });
      }
      return render.renderCase(req, res, id, { form: { step, values: echo(body), errors, general, key }, status });
    };

    const parsed = parseStepForm(step, body);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error, formatMessages);
      if (step === 'aanbod' && errors.woningId) errors.woningId = 'Kies een woning.';
      await audit.record(req, p, 'write', [id], 400);
      return refuse(errors, undefined, 400);
    }
    try {
      const reply = await cases.recordStep(state, step, parsed.data, actorFrom(req, stepRoles(step, state)), key);
      await audit.record(req, p, 'write', [id], reply.status);
      res.redirect(303, `/app/casussen/${id}${terug ? '/overdracht' : ''}?gedaan=${step}`);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      await audit.record(req, p, 'write', [id], err.status);
      return refuse({}, dutchRefusal(err), err.status);
    }
  });
}
