import type { RuleVerdict, WoningSnapshot, Zorgvorm } from '../types';

/**
 * Brandveiligheid: the building's typering must fit the care given in it
 * (Bouwbesluit 2012, "Brandveiligheid bij een woonfunctie voor zorg", seed 004:1406-1471).
 * The typering follows the care delivered (004:1412-1416): a gewone woonfunctie,
 * a zorgclusterwoning (zelfstandig, near at least 4 similar homes, zorg op afroep
 * or 24 uur; 004:1430-1441) or a groepszorgwoning (at least 5 residents, zorg op
 * afspraak, op afroep or 24 uur; 004:1418-1428). The obvious choices
 * (004:1387-1396, 747-756): gewone woonfunctie for geschikt wonen; zorgclusterwoning
 * with zorg op afroep and a BMI without doormelding for beschut; groepszorgwoning with
 * 24-uurs zorg and a BMI with doormelding to a RAC or PAC for beschermd wonen.
 *
 * Hard only where the source is explicit; the rest is a warning the verhuurmedewerker checks
 * (the BMI requirements per typering are in an appendix the seed does not hold, 004:1455-1456).
 */
export const BRANDVEILIGHEID_REGEL = 'brandveiligheid@1';

/** Stable reason codes; the Dutch text beside each is the default wording. */
export const brandveiligheidCodes = {
  geenZorg: 'brandveiligheid.geen_zorg',
  opAfspraak: 'brandveiligheid.zorg_op_afspraak',
  nietVastgelegd: 'brandveiligheid.typering_niet_vastgelegd',
  gewoneWoonfunctie24uur: 'brandveiligheid.24_uur_in_gewone_woonfunctie',
  gewoneWoonfunctieAfroep: 'brandveiligheid.afroep_in_gewone_woonfunctie',
  clusterZonderBmi: 'brandveiligheid.zorgcluster_zonder_bmi',
  clusterBmiOnbekend: 'brandveiligheid.zorgcluster_bmi_onbekend',
  cluster24uurZonderDoormelding: 'brandveiligheid.zorgcluster_24_uur_zonder_doormelding',
  clusterPast: 'brandveiligheid.zorgcluster_past',
  groep24uurZonderDoormelding: 'brandveiligheid.groepszorg_24_uur_zonder_doormelding',
  groepBmiOnbekend: 'brandveiligheid.groepszorg_bmi_onbekend',
  groepPast: 'brandveiligheid.groepszorg_past',
  groot: 'brandveiligheid.gebouw_vanaf_500_m2',
} as const;

/** From this floor area a woonfunctie voor zorg has stricter requirements (escape routes, extinguishers) [004:1458-1461]. */
export const STRENGER_VANAF_M2 = 500;

type Woning = Pick<WoningSnapshot, 'brandveiligheidTypering' | 'brandmeldinstallatie' | 'gebouwOppervlakM2'>;
type Reden = readonly [code: string, tekst: string];

const zorgNaam: Record<Zorgvorm, string> = {
  op_afspraak: 'zorg op afspraak',
  op_afroep: 'zorg op afroep',
  '24_uurs_toezicht': '24-uurs zorg en toezicht',
};

function verdict(uitkomst: RuleVerdict['uitkomst'], redenen: readonly Reden[], w: Woning): RuleVerdict {
  return {
    regel: BRANDVEILIGHEID_REGEL,
    uitkomst,
    redenen: redenen.map(([, tekst]) => tekst),
    codes: redenen.map(([code]) => code),
    parameters: {
      typering: w.brandveiligheidTypering ?? null,
      brandmeldinstallatie: w.brandmeldinstallatie ?? null,
      ...(w.gebouwOppervlakM2 !== undefined ? { gebouwOppervlakM2: w.gebouwOppervlakM2 } : {}),
    },
  };
}

/** The worse of two outcomes: voldoet_niet over waarschuwing over voldoet. */
const erger = (a: RuleVerdict['uitkomst'], b: RuleVerdict['uitkomst']) => {
  const rang = { voldoet_niet: 3, waarschuwing: 2, voldoet: 1, niet_van_toepassing: 0 } as const;
  return rang[a] >= rang[b] ? a : b;
};

/**
 * Whether the woning's building fits the care asked (`zorgvorm`; absent: no care party,
 * as for spoed without a zorginstelling). Reasons are worded by the building, not the
 * person: the corporatie sees them.
 */
export function brandveiligheidCheck(zorgvorm: Zorgvorm | undefined, w: Woning): RuleVerdict {
  const c = brandveiligheidCodes;
  if (!zorgvorm) return verdict('niet_van_toepassing', [[c.geenZorg, 'geen zorg in de casus']], w);
  const zorg = zorgNaam[zorgvorm];
  if (zorgvorm === 'op_afspraak')
    return verdict('niet_van_toepassing', [[c.opAfspraak, `${zorg}: elke typering volstaat`]], w);
  const typering = w.brandveiligheidTypering;
  if (!typering)
    return verdict(
      'waarschuwing',
      [
        [
          c.nietVastgelegd,
          `de typering brandveiligheid van het gebouw is niet vastgelegd: ga na of die past bij ${zorg}`,
        ],
      ],
      w,
    );

  let uitkomst: RuleVerdict['uitkomst'];
  const redenen: Reden[] = [];
  const bmi = w.brandmeldinstallatie;
  if (typering === 'gewone_woonfunctie') {
    if (zorgvorm === '24_uurs_toezicht') {
      uitkomst = 'voldoet_niet';
      redenen.push([
        c.gewoneWoonfunctie24uur,
        `${zorg} past niet in een gebouw met een gewone woonfunctie: daarvoor is een woonfunctie voor zorg nodig`,
      ]);
    } else {
      uitkomst = 'waarschuwing';
      redenen.push([
        c.gewoneWoonfunctieAfroep,
        `${zorg} in het gebouw kan een woonfunctie voor zorg vragen (zorgclusterwoning): ga na bij de brandweer`,
      ]);
    }
  } else if (typering === 'zorgclusterwoning') {
    if (bmi === 'geen') {
      uitkomst = 'voldoet_niet';
      redenen.push([c.clusterZonderBmi, 'zorgclusterwoning zonder brandmeldinstallatie']);
    } else if (!bmi) {
      uitkomst = 'waarschuwing';
      redenen.push([c.clusterBmiOnbekend, 'zorgclusterwoning: de brandmeldinstallatie is niet vastgelegd']);
    } else if (zorgvorm === '24_uurs_toezicht' && bmi !== 'met_doormelding') {
      uitkomst = 'waarschuwing';
      redenen.push([
        c.cluster24uurZonderDoormelding,
        `zorgclusterwoning met ${zorg} en een brandmeldinstallatie zonder doormelding: ga na of doormelding nodig is`,
      ]);
    } else {
      uitkomst = 'voldoet';
      redenen.push([c.clusterPast, `zorgclusterwoning met brandmeldinstallatie: past bij ${zorg}`]);
    }
  } else if (zorgvorm === '24_uurs_toezicht' && bmi !== 'met_doormelding') {
    if (bmi) {
      uitkomst = 'voldoet_niet';
      redenen.push([
        c.groep24uurZonderDoormelding,
        `groepszorgwoning met ${zorg} vraagt een brandmeldinstallatie met doormelding naar een alarmcentrale`,
      ]);
    } else {
      uitkomst = 'waarschuwing';
      redenen.push([c.groepBmiOnbekend, 'groepszorgwoning: de brandmeldinstallatie is niet vastgelegd']);
    }
  } else {
    uitkomst = 'voldoet';
    redenen.push([c.groepPast, `groepszorgwoning: past bij ${zorg}`]);
  }
  if (typering !== 'gewone_woonfunctie' && (w.gebouwOppervlakM2 ?? 0) >= STRENGER_VANAF_M2) {
    uitkomst = erger(uitkomst, 'waarschuwing');
    redenen.push([
      c.groot,
      `gebouw van ${w.gebouwOppervlakM2} m²: vanaf ${STRENGER_VANAF_M2} m² gelden strengere eisen aan vluchtroutes en blusmiddelen`,
    ]);
  }
  return verdict(uitkomst, redenen, w);
}
