import { namesFor } from '../names';
import type { Router } from 'express';
import { doelgroepen, fasen } from '../../../domain/types';
import { canSearchReferentie } from '../../auth/access-policy';
import type { Principal } from '../../auth/principal';
import type { CaseListFilter } from '../../cases/case-reader';
import { behandelaarFilter, referentieZoek } from '../../cases/case-schemas';
import { asShortCode } from '../../../domain/referentie';
import { refuseHiddenFilters, refusedFilters } from '../../cases/list-filters';
import { principalOf } from '../../auth/authenticate';
import { csrfTokenFor as csrf } from '../session';
import type { CaseRowView } from '../views/components';
import { caseListPage } from '../views/pages';
import type { CaseRenderers } from './case-render';
import { offsetOf, pick, send, type WebContext } from './context';
import { doneText } from './refusals';

const LIMIT = 25;

/**
 * The search box: a short code ("65b200f6", "Casus 65b200f6") for every party, else, for the
 * wijkteam, a referentie. Anything else searches nothing and says why.
 */
function searchOf(p: Principal, value: unknown): { term: string; filter: CaseListFilter; problem?: string } {
  const term = typeof value === 'string' ? value.trim().slice(0, 60) : '';
  if (!term) return { term, filter: {} };
  const code = asShortCode(term);
  if (code) return { term, filter: { code } };
  if (canSearchReferentie(p) && referentieZoek.safeParse(term).success) return { term, filter: { referentie: term } };
  const problem = canSearchReferentie(p)
    ? 'Zoek op de casuscode (de 8 tekens na "Casus", zoals 65b200f6) of op de referentie (letters, cijfers en streepjes).'
    : 'Zoek op de casuscode: de 8 tekens na "Casus", zoals 65b200f6.';
  return { term, filter: {}, problem };
}

const listIntro = {
  consulent:
    'De casussen van uw wijkteam: de stap waar ze staan, wie aan zet is en hoe lang de stap al duurt tegen de norm.',
  anderen: 'De casussen waarin uw organisatie partij is.',
};

/** The list of cases (a new aanmelding: aanmelding.ts), one case, its overdracht document and its matching woningen. */
export function casePages(router: Router, { reader, audit, register, routing }: WebContext, render: CaseRenderers) {
  router.get('/casussen', async (req, res) => {
    const p = principalOf(req);
    const offset = offsetOf(req);
    const over = pick(['ja', 'nee'] as const, req.query.overTermijn);
    const filter = {
      status: pick(['lopend', 'afgesloten'] as const, req.query.status),
      fase: pick(fasen, req.query.fase),
      doelgroep: pick(doelgroepen, req.query.doelgroep),
      overTermijn: over === undefined ? undefined : over === 'ja',
      behandelaar: behandelaarFilter.safeParse(req.query.behandelaar).data,
    };
    refuseHiddenFilters(p, filter);
    const search = searchOf(p, req.query.zoek);
    let page = search.problem
      ? { items: [], total: 0 }
      : await reader.list(p, { ...filter, ...search.filter }, { limit: LIMIT, offset });
    // An 8-hex referentie looks like a short code: the wijkteam finds it by referentie when no code matches.
    if (!page.total && search.filter.code && canSearchReferentie(p)) {
      page = await reader.list(p, { ...filter, referentie: search.term }, { limit: LIMIT, offset });
    }
    const rows = page.items as unknown as CaseRowView[];
    await audit.record(req, p, 'list', rows.length ? rows.map((r) => r.id) : [null], 200);
    const query = new URLSearchParams(
      Object.entries({ ...filter, overTermijn: over, zoek: search.term || undefined }).filter(
        ([, v]) => typeof v === 'string' && v,
      ) as Array<[string, string]>,
    );
    const consulent = p.roles.includes('consulent');
    send(
      res,
      caseListPage({
        naam: await namesFor(
          register,
          rows.flatMap((r) => [r.partijen.wijkteam, r.partijen.zorginstelling, r.partijen.corporatie]),
        ),
        principal: p,
        csrf: csrf(req),
        current: '/app/casussen',
        rows,
        total: page.total,
        offset,
        limit: LIMIT,
        query,
        filters: true,
        hiddenFilters: refusedFilters(p, Object.keys(filter)).map((f) => f.field),
        behandelaars: await routing.behandelaarKeuze(p),
        search: { term: search.term, problem: search.problem, referentie: canSearchReferentie(p) },
        title: consulent ? 'Mijn casussen' : 'Alle casussen',
        intro: consulent ? listIntro.consulent : listIntro.anderen,
        flash: req.query.gedaan === 'aanmelding' ? 'Gelukt: de aanmelding is verstuurd.' : undefined,
      }),
    );
  });

  router.get('/casussen/:id', async (req, res) => {
    const gedaan = typeof req.query.gedaan === 'string' ? req.query.gedaan : undefined;
    const flash =
      gedaan === 'aanmelding'
        ? 'Gelukt: de aanmelding is verstuurd. De volgende stap is de vraag.'
        : gedaan === 'notitie'
          ? 'Gelukt: de notitie is geplaatst.'
          : gedaan
            ? doneText(gedaan)
            : undefined;
    await render.renderCase(req, res, req.params.id as string, { flash });
  });

  router.get('/casussen/:id/overdracht', async (req, res) => {
    const flash = req.query.gedaan ? doneText(String(req.query.gedaan)) : undefined;
    await render.renderHandover(req, res, req.params.id as string, { flash });
  });

  router.get('/casussen/:id/woningen', async (req, res) => render.renderMatches(req, res, req.params.id as string));
}
