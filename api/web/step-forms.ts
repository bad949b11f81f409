import {
  contractvormen,
  deelgroepen,
  doelgroepen,
  huidigeSituaties,
  inkomensgroepen,
  opgaven,
  opschortingsRedenen,
  wetten,
  woonvormen,
  zorgvormen,
  type StepName,
} from '../../domain/types';
import { options, type Field, type Option } from './forms';
import { label } from './labels';

/** Explanations for values whose form the schema checks (shown when the form is wrong). */
export const formatMessages: Record<string, string> = {
  'persoon.referentie': 'Gebruik 4 tot 40 letters, cijfers of streepjes, zoals WT-2023-0042. Geen naam en geen BSN.',
  gemeente: 'Kies de gemeente uit de lijst.',
  zorginstelling: 'Kies een zorginstelling uit de lijst, of "Laat open".',
  corporatie: 'Kies een woningcorporatie uit de lijst, of "Laat open".',
  buurtcode: 'Gebruik de CBS-buurtcode: BU en acht cijfers, zoals BU03630101.',
  'contactpersoon.organisatie': 'Gebruik de organisatiecode: kleine letters, cijfers en streepjes.',
};

const ORG_PATTERN = '[a-z0-9][a-z0-9\\-]{1,63}';

/** The person, the doelgroep and the indicatie: the aanmelding's own fields (the gemeente and parties follow below). */
export const aanmeldingFields: readonly Field[] = [
  {
    kind: 'text',
    name: 'persoon.referentie',
    label: 'Referentie van de persoon',
    required: true,
    pattern: '[A-Za-z0-9\\-]{4,40}',
    maxLength: 40,
    hint: 'De pseudonieme referentie die het wijkteam zelf bijhoudt, bijvoorbeeld WT-2023-0042. Nooit een naam of BSN: die horen niet in deze casus.',
  },
  {
    kind: 'number',
    name: 'persoon.huishoudgrootte',
    label: 'Aantal personen in het huishouden',
    required: true,
    min: 1,
    max: 15,
    hint: 'Iedereen die mee verhuist, de persoon zelf meegerekend (1 tot 15).',
  },
  {
    kind: 'radio',
    name: 'persoon.inkomensgroep',
    label: 'Inkomen',
    required: true,
    options: options(inkomensgroepen),
    hint: '"Binnen de huurtoeslaggrenzen" betekent dat de passendheidstoets geldt: de huur mag dan niet boven de aftoppingsgrens liggen.',
  },
  {
    kind: 'number',
    name: 'persoon.inkomen',
    label: 'Jaarinkomen van het huishouden in euro',
    min: 0,
    max: 1_000_000,
    hint: 'Alleen als u het weet. Dan rekent de toets met het bedrag in plaats van met de groep.',
  },
  {
    kind: 'select',
    name: 'persoon.huidigeSituatie',
    label: 'Waar woont de persoon nu?',
    required: true,
    options: options(huidigeSituaties),
  },
  {
    kind: 'radio',
    name: 'deelgroep',
    label: 'Deelgroep',
    required: true,
    options: options(deelgroepen),
    hint: 'Spoed: de persoon kan veel zelf, maar het gewone woonruimteverdeelsysteem is te traag (bijvoorbeeld urgent, scheiding, statushouder). Verstoorde zelfregulering: de persoon kan niet zelfstandig een stabiele woning regelen, ook niet met hulp (bijvoorbeeld uitstroom uit beschermd wonen, opvang of een GGZ-kliniek).',
  },
  {
    kind: 'select',
    name: 'doelgroep',
    label: 'Doelgroep',
    required: true,
    options: options(doelgroepen),
    hint: 'De grondslag van de ondersteuning. Dit is een gezondheidsgegeven: de corporatie ziet het niet.',
  },
  {
    kind: 'select',
    name: 'indicatie.wet',
    label: 'Indicatie: wet',
    required: true,
    options: options(wetten),
    hint: 'Onder welke wet de zorg of begeleiding is geïndiceerd. Kies "Nog geen indicatie" als die er nog niet is.',
  },
  {
    kind: 'select',
    name: 'indicatie.leveringsvorm',
    label: 'Indicatie: leveringsvorm',
    options: options(['zzp', 'vpt', 'mpt', 'pgb', 'zin']),
    empty: '— geen —',
    hint: 'Bij de Wlz: zzp, vpt, mpt of pgb. Bij de Wmo: zorg in natura of pgb. Bij de Zvw of zonder indicatie: leeg laten.',
  },
  {
    kind: 'checkbox',
    name: 'urgent',
    label: 'De persoon heeft een urgentieverklaring',
    hint: 'Alleen aanvinken als er een urgentie is toegekend.',
  },
];

/** The party select's choice for "no organisation yet": the side goes to Te verdelen (routing). */
export const LAAT_OPEN = 'open';
const laatOpen: Option = [LAAT_OPEN, 'Laat open: de partners in de gemeente pakken het op'];

/** Where the case is: picked by name among the gemeenten the wijkteam works for (the value is the CBS code). */
export const gemeenteField = (gemeenten: readonly Option[]): Field => ({
  kind: 'select',
  name: 'gemeente',
  label: 'Gemeente',
  required: true,
  empty: 'Kies de gemeente',
  options: gemeenten,
  hint: 'De gemeente waar de persoon een woning zoekt. Daarna kiest u uit de zorginstellingen en corporaties die daar werken.',
});

/**
 * The zorginstelling and the corporatie: the register's active organisations of that kind whose werkgebied
 * holds the case's gemeente, or explicitly left open. The server checks the choice again (routing-policy).
 */
export const partijFields = (keuze: {
  zorginstellingen: readonly Option[];
  corporaties: readonly Option[];
}): Field[] => [
  {
    kind: 'select',
    name: 'zorginstelling',
    label: 'Zorginstelling',
    required: true,
    empty: 'Kies een zorginstelling',
    options: [...keuze.zorginstellingen, laatOpen],
    hint: 'De zorginstellingen die in deze gemeente werken. Weet u nog niet wie de zorg levert, kies dan "Laat open": de casus staat dan bij alle zorginstellingen van de gemeente onder "Te verdelen" en één van hen neemt hem aan.',
  },
  {
    kind: 'select',
    name: 'corporatie',
    label: 'Woningcorporatie',
    required: true,
    empty: 'Kies een woningcorporatie',
    options: [...keuze.corporaties, laatOpen],
    hint: 'De woningcorporaties die in deze gemeente werken. Kiest u "Laat open", dan staat de casus bij alle corporaties van de gemeente onder "Te verdelen".',
  },
];

const zrmDomeinen = [
  'financien',
  'huisvesting',
  'huiselijke_relaties',
  'geestelijke_gezondheid',
  'lichamelijke_gezondheid',
  'verslaving',
  'adl',
  'sociaal_netwerk',
  'dagbesteding',
];

/** Fields naming an organisation of the case: the doorgeleiding's contactpersoon, the overdracht's contactpersonen. */
const partijVelden = new Set(['contactpersoon.organisatie', 'organisatie']);

/**
 * A step's organisation fields as a choice among the case's parties, shown by name (the value stays the code, which
 * the step's schema checks): a person picks from who is on the case instead of typing a code.
 */
export function metPartijKeuze(fields: readonly Field[], partijen: readonly Option[]): readonly Field[] {
  const kies = (f: Field): Field =>
    f.kind === 'rows'
      ? { ...f, fields: f.fields.map(kies) }
      : f.kind === 'text' && partijVelden.has(f.name)
        ? {
            kind: 'select',
            name: f.name,
            label: f.label.replace(/ \(code\)$/, ''),
            options: partijen,
            empty: 'Kies een organisatie',
            ...(f.required ? { required: true } : {}),
            ...(f.hint ? { hint: f.hint } : {}),
          }
        : f;
  return fields.map(kies);
}

export interface StepForm {
  fields: readonly Field[];
  /** Why and when, in plain Dutch, above the form. */
  intro?: string;
  /** Turns the read form into the step's JSON body where a field does not map one to one. */
  toBody?: (form: Record<string, unknown>) => Record<string, unknown>;
  submit: string;
}

const woonvormToelichting: Field = {
  kind: 'textarea',
  name: 'toelichting',
  label: 'Toelichting',
  maxLength: 500,
  hint: 'Vooral nodig als u afwijkt van het advies. Geen medische details.',
};

/** The woonvorm form offering only `toegestaan` (all woonvormen when unknown). */
export function woonvormVelden(toegestaan: readonly string[] | undefined): readonly Field[] {
  return [
    { kind: 'radio', name: 'woonvorm', label: 'Woonvorm', required: true, options: options(toegestaan ?? woonvormen) },
    woonvormToelichting,
  ];
}

const reden = (labelText: string, hint?: string): Field => ({
  kind: 'textarea',
  name: 'reden',
  label: labelText,
  required: true,
  maxLength: 500,
  ...(hint ? { hint } : {}),
});

export const stepForms: Record<Exclude<StepName, 'aanbod'>, StepForm> = {
  vraag: {
    intro: 'Leg de eigen antwoorden van de persoon vast. Begin bij de vraag: wat wil de persoon zelf?',
    submit: 'Vraag vastleggen',
    fields: [
      {
        kind: 'radio',
        name: 'perspectief',
        label: 'Perspectief',
        required: true,
        options: options(['eerst_stabiliseren', 'lange_termijn']),
        hint: 'Wil de persoon eerst het leven op orde krijgen (tijdelijk), of zich voor lange tijd vestigen?',
      },
      {
        kind: 'radio',
        name: 'samenwonen',
        label: 'Samen of alleen',
        required: true,
        options: options(['alleen', 'gedeelde_ruimte']),
        hint: 'Wil de persoon alleen wonen, of een ruimte delen met anderen?',
      },
      {
        kind: 'radio',
        name: 'nabijLotgenoten',
        label: 'In de buurt van lotgenoten',
        required: true,
        options: options(['ja', 'nee', 'geen_voorkeur']),
        hint: 'Wil de persoon dicht bij mensen in een vergelijkbare situatie wonen?',
      },
      {
        kind: 'select',
        name: 'meting.instrument',
        label: 'Meting',
        options: options(['zrm', 'tax_su']),
        empty: '— geen meting —',
        hint: 'Als er een Zelfredzaamheidsmatrix of Tax-Su is afgenomen. Scores van 1 (acute problematiek) tot 5 (volledig zelfredzaam).',
      },
      ...zrmDomeinen.map((d): Field => ({
        kind: 'number',
        name: `meting.scores.${d}`,
        label: `Score ${label(d).toLowerCase()}`,
        min: 1,
        max: 5,
      })),
    ],
    toBody: (form) => {
      const meting = form.meting as { instrument?: string; scores?: Record<string, number> } | undefined;
      if (!meting?.instrument) {
        const { meting: _m, ...rest } = form;
        return rest;
      }
      return { ...form, meting: { instrument: meting.instrument, scores: meting.scores ?? {} } };
    },
  },
  zorg: {
    intro: 'Welke begeleiding en zorg heeft de persoon nodig, en wat vraagt dat van de woonplek?',
    submit: 'Zorg vastleggen',
    fields: [
      {
        kind: 'radio',
        name: 'zorgvorm',
        label: 'Soort zorg',
        required: true,
        options: options(zorgvormen),
        hint: 'Op afspraak: zorg op vaste momenten. Op afroep: zorg als de persoon erom vraagt. 24-uurs toezicht: dag en nacht iemand in de buurt.',
      },
      {
        kind: 'checkbox',
        name: 'steunpuntGewenst',
        label: 'Een verbinding met een zorgsteunpunt of buurtkamer is gewenst',
      },
      {
        kind: 'checkbox',
        name: 'clusteringNodig',
        label: 'De zorgaanbieder heeft clustering nodig om de zorg te kunnen leveren',
      },
      {
        kind: 'checkboxes',
        name: 'richtingen',
        label: 'Richtingen die zijn afgewogen',
        options: options(['flexibel', 'ambulant', 'extramuraal', 'sober', 'clustering']),
        hint: 'Kies de richtingen die voor deze persoon gelden. Ze wegen mee in het woonvormadvies.',
      },
    ],
  },
  woonvorm: {
    intro: 'Kies de woonvorm. Het advies hierboven weegt indicatie, zorg en de wensen van de persoon; u beslist.',
    submit: 'Woonvorm vastleggen',
    fields: [
      { kind: 'radio', name: 'woonvorm', label: 'Woonvorm', required: true, options: options(woonvormen) },
      woonvormToelichting,
    ],
  },
  buurt: {
    intro: 'Waar kan het aanbod het best gedaan worden? Weeg menging, de draagkracht van de buurt en lokale binding.',
    submit: 'Buurt vastleggen',
    fields: [
      {
        kind: 'text',
        name: 'buurtcode',
        label: 'Buurt (CBS-buurtcode)',
        required: true,
        pattern: 'BU[0-9]{8}',
        maxLength: 10,
        placeholder: 'BU03630101',
        hint: 'BU en acht cijfers.',
      },
      {
        kind: 'radio',
        name: 'opgave',
        label: 'Opgave',
        required: true,
        options: options(opgaven),
        hint: 'Opgave 1: dicht bij een zorgsteunpunt. Opgave 2: gespikkeld, verspreid in gewone straten.',
      },
      {
        kind: 'checkbox',
        name: 'draagkrachtBesproken',
        label: 'De draagkracht van de buurt is besproken met de zorgmedewerker',
      },
      { kind: 'checkbox', name: 'voorlichtingNodig', label: 'Voorlichting aan de buurt is nodig' },
    ],
  },
  reactie: {
    intro: 'Wat vindt de persoon van het aanbod? Een weigering stuurt de casus terug naar het aanbod.',
    submit: 'Reactie vastleggen',
    fields: [
      {
        kind: 'radio',
        name: 'besluit',
        label: 'Besluit van de persoon',
        required: true,
        options: options(['accepteert', 'weigert']),
      },
      { kind: 'textarea', name: 'reden', label: 'Reden', maxLength: 500, hint: 'Verplicht bij een weigering.' },
    ],
  },
  aanbod_afgekeurd: {
    submit: 'Aanbod afkeuren',
    intro: 'Het aanbod gaat niet door (bijvoorbeeld na de bezichtiging); de woning komt weer vrij.',
    fields: [reden('Reden van afkeuren')],
  },
  doorgeleiding: {
    intro:
      'Past de aanmelding niet bij een zorgwoning? Dan gaat de casus naar de reguliere route van de corporatie, met een vaste contactpersoon en een persoonlijk contact. Dit is geen afwijzing.',
    submit: 'Doorgeleiden',
    fields: [
      reden('Reden van doorgeleiding'),
      {
        kind: 'text',
        name: 'contactpersoon.naam',
        label: 'Contactpersoon bij de corporatie',
        required: true,
        maxLength: 100,
        hint: 'De medewerker die het persoonlijk contact heeft.',
      },
      {
        kind: 'text',
        name: 'contactpersoon.organisatie',
        label: 'Organisatie van de contactpersoon (code)',
        required: true,
        pattern: ORG_PATTERN,
        maxLength: 64,
      },
    ],
  },
  persoonlijk_contact: {
    submit: 'Persoonlijk contact vastleggen',
    fields: [
      { kind: 'date', name: 'datum', label: 'Datum van het gesprek', required: true },
      { kind: 'textarea', name: 'vervolg', label: 'Afgesproken vervolg', required: true, maxLength: 500 },
    ],
  },
  toewijzing: {
    intro: 'De formele toewijzing. De contractvorm bepaalt wie toewijst.',
    submit: 'Woning toewijzen',
    fields: [
      { kind: 'radio', name: 'contractvorm', label: 'Contractvorm', required: true, options: options(contractvormen) },
      { kind: 'date', name: 'ingangsdatum', label: 'Ingangsdatum huurcontract', required: true },
      {
        kind: 'date',
        name: 'omklapdatum',
        label: 'Omklapdatum (alleen bij onderverhuur)',
        hint: 'Bij onderverhuur door de zorgorganisatie: de datum waarop het huurcontract naar de bewoner gaat. Vóór die datum komt er een herinnering.',
      },
    ],
  },
  overdracht: {
    intro:
      'Leg de afspraken van de warme overdracht vast: wie ondersteunt wat, wie zijn de contactpersonen, wat gebeurt er bij signalen. Beide kanten bevestigen daarna.',
    submit: 'Overdracht vastleggen',
    fields: [
      {
        kind: 'text',
        name: 'woonplek',
        label: 'Woonplek',
        required: true,
        maxLength: 200,
        hint: 'Bijvoorbeeld: zelfstandig appartement in een cluster, begane grond.',
      },
      {
        kind: 'rows',
        name: 'begeleidingsafspraken',
        label: 'Begeleidingsafspraken',
        required: true,
        count: 3,
        legend: (i) => `Afspraak ${i + 1}`,
        hint: 'Minstens één. Lege regels worden overgeslagen.',
        fields: [
          { kind: 'text', name: 'wie', label: 'Wie', maxLength: 100 },
          { kind: 'text', name: 'wat', label: 'Wat', maxLength: 500 },
        ],
      },
      {
        kind: 'rows',
        name: 'contactpersonen',
        label: 'Contactpersonen',
        required: true,
        count: 3,
        legend: (i) => `Contactpersoon ${i + 1}`,
        hint: 'Minstens één. Lege regels worden overgeslagen.',
        fields: [
          { kind: 'text', name: 'rol', label: 'Rol', maxLength: 60 },
          { kind: 'text', name: 'organisatie', label: 'Organisatie (code)', maxLength: 64 },
          { kind: 'text', name: 'naam', label: 'Naam', maxLength: 100, autocomplete: 'off' },
        ],
      },
      {
        kind: 'rows',
        name: 'signaleringsafspraken',
        label: 'Afspraken bij signalen',
        required: true,
        count: 3,
        legend: (i) => `Signaal ${i + 1}`,
        hint: 'Wat gebeurt er bij overlast, huurachterstand of zorgmijding? Minstens één.',
        fields: [
          {
            kind: 'select',
            name: 'signaal',
            label: 'Signaal',
            options: options(['overlast', 'huurachterstand', 'zorgmijding', 'overig']),
          },
          { kind: 'text', name: 'afspraak', label: 'Afspraak', maxLength: 500 },
        ],
      },
    ],
  },
  overdracht_bevestiging: {
    intro: 'Bevestig namens uw organisatie dat de afspraken van de warme overdracht kloppen.',
    submit: 'Overdracht bevestigen',
    fields: [],
  },
  kennismakingsgesprek: {
    intro:
      'Het kennismakingsgesprek na de formele toewijzing en vóór de verhuizing (uiterlijk op de ingangsdatum): het concept en de verwachtingen ("van bewoners wordt inzet verwacht en er is niet zomaar 24 uur zorg").',
    submit: 'Gesprek vastleggen',
    fields: [
      { kind: 'date', name: 'datum', label: 'Datum van het gesprek', required: true },
      { kind: 'checkbox', name: 'verwachtingenBesproken', label: 'De verwachtingen zijn besproken', required: true },
      {
        kind: 'checkboxes',
        name: 'deelnemers',
        label: 'Wie namen deel',
        required: true,
        options: [
          ['bewoner', 'De bewoner'],
          ['zorg', 'De zorgorganisatie'],
          ['verhuurder', 'De verhuurder'],
        ],
        hint: 'Het gesprek is tussen bewoner, zorg en verhuurder. Zonder zorginstelling in de casus: bewoner en verhuurder.',
      },
    ],
  },
  nazorg: {
    submit: 'Nazorg vastleggen',
    intro:
      'Een vervolgmoment: is de woonsituatie stabiel? Met een afgesproken vervolg blijft de casus open tot "Nazorg afsluiten"; zonder (oudere casussen) sluit stabiel de casus als gehuisvest.',
    fields: [
      {
        kind: 'radio',
        name: 'uitkomst',
        label: 'Uitkomst',
        required: true,
        options: options(['stabiel', 'ondersteuning_bijgesteld']),
      },
      { kind: 'textarea', name: 'toelichting', label: 'Toelichting', maxLength: 500 },
    ],
  },
  ondersteuning: {
    intro:
      'De ondersteuning gaat omhoog of omlaag; de bewoner blijft wonen waar hij woont (Housing First). Leg de richting en de reden vast.',
    submit: 'Ondersteuning vastleggen',
    fields: [
      {
        kind: 'radio',
        name: 'richting',
        label: 'Richting',
        required: true,
        options: [
          ['opschalen', 'Meer ondersteuning (opschalen)'],
          ['afschalen', 'Minder ondersteuning (afschalen)'],
        ],
      },
      reden('Reden', 'Zonder medische details.'),
    ],
  },
  omklap: {
    intro:
      'Bij onderverhuur door de zorgorganisatie gaat het huurcontract na de afgesproken periode naar de bewoner (omklap), of de periode wordt verlengd met een reden.',
    submit: 'Omklap vastleggen',
    fields: [
      {
        kind: 'radio',
        name: 'besluit',
        label: 'Besluit',
        required: true,
        options: [
          ['omgeklapt', 'Het contract is naar de bewoner gegaan'],
          ['verlengd', 'De onderverhuur wordt verlengd'],
        ],
      },
      {
        kind: 'date',
        name: 'datum',
        label: 'Datum',
        required: true,
        hint: 'Omgeklapt: de datum waarop de bewoner huurder werd. Verlengd: de nieuwe omklapdatum.',
      },
      { kind: 'textarea', name: 'reden', label: 'Reden', maxLength: 500, hint: 'Verplicht bij een verlenging.' },
    ],
  },
  nazorg_afsluiting: {
    intro:
      'Sluit de nazorg af: de casus wordt gehuisvest. Vóór het afgesproken vervolg, of zolang de omklap nog openstaat, vraagt dat een reden.',
    submit: 'Nazorg afsluiten',
    fields: [
      { kind: 'textarea', name: 'reden', label: 'Reden', maxLength: 500, hint: 'Alleen nodig bij eerder afsluiten.' },
    ],
  },
  verwijzing: {
    intro: 'Zorg met verblijf: de casus gaat naar het zorgkantoor (Wlz intramuraal) en wordt hier afgesloten.',
    submit: 'Verwijzen',
    fields: [reden('Reden van verwijzing')],
  },
  intrekking: {
    intro: 'De persoon trekt de aanmelding in. De casus wordt afgesloten.',
    submit: 'Aanmelding intrekken',
    fields: [reden('Reden van intrekking', 'Zonder medische details.')],
  },
  opschorting: {
    intro: 'Zet de klok van deze stap stil, bijvoorbeeld als er op een indicatie wordt gewacht.',
    submit: 'Termijn opschorten',
    fields: [
      { kind: 'select', name: 'reden', label: 'Reden', required: true, options: options(opschortingsRedenen) },
      { kind: 'textarea', name: 'toelichting', label: 'Toelichting', maxLength: 500, hint: 'Geen medische details.' },
    ],
  },
  hervatting: { intro: 'Zet de klok van deze stap weer aan.', submit: 'Termijn hervatten', fields: [] },
  verlenging: {
    intro: 'Verleng de norm van deze stap, één keer per stap.',
    submit: 'Termijn verlengen',
    fields: [
      { kind: 'number', name: 'werkdagen', label: 'Extra werkdagen', required: true, min: 1, max: 60 },
      reden('Reden van verlenging'),
    ],
  },
};
