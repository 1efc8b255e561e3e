// The SQL side of bench:matching: a read model of the same settings in PostgreSQL, folded from the same events
// by a projection written here (independently of the engine's SupplyView, as a real SQL read model would be),
// and ONE query per search that applies the engine's eligibility rules and scoring and returns the top N.
//
// Differences from the engine (also printed by the bench):
// - Only the ranked list: no exclusion counts, no explanations, no guards, no sibling splits.
// - The policy's constants (DEFAULT_POLICY) are written into the query as parameters computed in JS, with the
//   same per-need weights the engine derives (factors that do not apply weigh 0; Year 10/11 multiplies school).
// - Code lists are bit masks (popcount with bit_count) and languages a text[] (the engine uses a bit per
//   language for the first 31 and compares the rest as text: the same set intersection).
// - Pruning: the eligible among the 400 nearest matchable settings (GiST KNN on a partial index of matchable
//   settings) give a 10th best total L; the engine's own upper bound (distance, school and authority at their
//   best) then gives the radius beyond which nothing can reach L, and the final scan reads a box of that radius
//   through the same GiST index, or, when no radius is small enough, every matchable setting (a branch of a
//   UNION ALL gated by a one-time filter, so the planner does not read the whole GiST index as a bitmap).
//   Exact, like the engine's best-first walk over its buckets, but a different route to the same answer.
import type { GridRef } from '@placematch/geo';
import { MatchingPolicy, NeedProfile } from '@placematch/matching';
import {
  ADAPTATIONS,
  COMMUNICATION_METHODS,
  DISABILITY_SPECIALISM_CODES,
  OFSTED_JUDGEMENTS,
  PLACEMENT_GROUPS,
  PLACEMENT_PURPOSES,
  PLACEMENT_TYPES,
  RELIGIONS,
  RISK_CODES,
  SPECIALISMS,
} from '@placematch/supply';
import { SqlClient, SqlExecutor, ident } from '@placematch/sql';
import type { LogEvent } from './generator';

// ---------------------------------------------------------------------------------------------------------
// Masks and dates, the bench's own

const bitsOf = (list: readonly string[]) => {
  const m = new Map(list.map((v, i) => [v, 1 << i]));
  return (values: readonly unknown[] | undefined): number => {
    let mask = 0;
    for (const v of values ?? []) mask |= m.get(v as string) ?? 0;
    return mask;
  };
};
const groupBits = bitsOf(PLACEMENT_GROUPS);
const purposeBits = bitsOf(PLACEMENT_PURPOSES);
const riskBits = bitsOf(RISK_CODES);
const adaptationBits = bitsOf(ADAPTATIONS);
const disabilityBits = bitsOf(DISABILITY_SPECIALISM_CODES);
const specialismBits = bitsOf(SPECIALISMS);
const communicationBits = bitsOf(COMMUNICATION_METHODS);
const religionBits = bitsOf(RELIGIONS);
const G = {
  fostering: groupBits(['fostering']),
  residential: groupBits(['residential']),
  supported: groupBits(['supported']),
  secure: groupBits(['secure']),
};
const COMPLEX_HEALTH = specialismBits(['complex-health']);
const UASC = specialismBits(['uasc']);

const day = (date: string): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 : Number.NaN;
};
const month = (date: string): number => {
  const m = /^(\d{4})-(\d{2})/.exec(date);
  return m ? (Number(m[1]) - 1970) * 12 + Number(m[2]) - 1 : Number.NaN;
};
const primary = (tag: string): string => tag.split('-')[0].toLowerCase();
const popcount = (mask: number): number => {
  let n = 0;
  for (let m = mask >>> 0; m !== 0; m &= m - 1) n += 1;
  return n;
};
/** Radii (miles) tried for the final box: whole miles near home, coarser further out. */
const RADII = [
  ...Array.from({ length: 31 }, (_, i) => i),
  ...Array.from({ length: 14 }, (_, i) => 35 + 5 * i),
  ...Array.from({ length: 10 }, (_, i) => 120 + 20 * i),
  ...Array.from({ length: 8 }, (_, i) => 350 + 50 * i),
  800,
  1000,
];
/** The largest day number a query takes: "over 5 days" has no last day. */
const NO_LAST_DAY = 2_147_483_647;

// ---------------------------------------------------------------------------------------------------------
// The projection

/** One row of the bench's settings table. */
export interface SettingRow {
  setting_id: string;
  easting: number;
  northing: number;
  authority: string;
  admitting: boolean;
  approved: boolean;
  open_places: number;
  latest_from_day: number;
  vac_from: number[];
  vac_places: number[];
  min_age: number;
  max_age_excl: number;
  max_siblings: number;
  group_mask: number;
  purpose_mask: number;
  risk_mask: number;
  adaptation_mask: number;
  others_count: number;
  latest_birth_others: number;
  earliest_birth_others: number;
  has_pets: boolean;
  disability_mask: number;
  specialism_mask: number;
  communication_mask: number;
  religion_mask: number;
  languages: string[];
  stress_days: number[];
  stress_max: number[];
  disruption_days: number[];
  cost_from: number[];
  cost_pence: number[];
  ofsted_rank: number;
}

interface ProviderState {
  registered: boolean;
  suspended: boolean;
  deregistered: boolean;
  judgement: string | null;
  inspectionDate: string | null;
}

interface SettingState {
  id: string;
  providerId: string;
  registered: boolean;
  closed: boolean;
  types: string[];
  grid: GridRef | null;
  authority: string;
  terms: Record<string, unknown> | null;
  household: Record<string, unknown> | null;
  vacancies: Map<string, { places: number; from: number }>;
  placements: Map<string, { birthMonth: number }>;
  stress: Map<string, Map<number, number>>;
  disruptions: Map<string, number>;
  costs: Map<number, number>;
}

const rec = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
const idOf = (streamId: string) => streamId.slice(streamId.indexOf('-') + 1);

/** Folds the log into rows: what a SQL read model of settings, shaped for the query, would hold. */
export const projectRows = (events: readonly LogEvent[]): SettingRow[] => {
  const providers = new Map<string, ProviderState>();
  const settings = new Map<string, SettingState>();
  const provider = (id: string) => {
    let p = providers.get(id);
    if (!p) {
      p = { registered: false, suspended: false, deregistered: false, judgement: null, inspectionDate: null };
      providers.set(id, p);
    }
    return p;
  };
  const setting = (id: string) => {
    let s = settings.get(id);
    if (!s) {
      s = {
        id,
        providerId: '',
        registered: false,
        closed: false,
        types: [],
        grid: null,
        authority: '',
        terms: null,
        household: null,
        vacancies: new Map(),
        placements: new Map(),
        stress: new Map(),
        disruptions: new Map(),
        costs: new Map(),
      };
      settings.set(id, s);
    }
    return s;
  };
  for (const e of events) {
    const d = rec(e.data);
    switch (e.type) {
      case 'ProviderRegistered':
        provider(String(d.providerId)).registered = true;
        break;
      case 'OfstedJudgementRecorded': {
        const p = provider(idOf(e.streamId));
        const date = String(d.inspectionDate);
        if (p.inspectionDate === null || date >= p.inspectionDate) {
          p.judgement = String(d.judgement);
          p.inspectionDate = date;
        }
        break;
      }
      case 'AdmissionsSuspended':
        provider(idOf(e.streamId)).suspended = true;
        break;
      case 'AdmissionsRestored':
        provider(idOf(e.streamId)).suspended = false;
        break;
      case 'ProviderDeregistered':
        provider(idOf(e.streamId)).deregistered = true;
        break;
      case 'SettingRegistered': {
        const s = setting(String(d.settingId));
        s.registered = true;
        s.providerId = String(d.providerId);
        s.types = d.placementTypes as string[];
        s.grid = rec(rec(d.location).gridReference) as unknown as GridRef;
        s.authority = String(d.hostLocalAuthority);
        break;
      }
      case 'ApprovalTermsSet':
        setting(idOf(e.streamId)).terms = d;
        break;
      case 'HouseholdProfileUpdated':
        setting(idOf(e.streamId)).household = d;
        break;
      case 'WeeklyCostSet':
        setting(idOf(e.streamId)).costs.set(day(String(d.effectiveFrom)), Number(d.amountPence));
        break;
      case 'SettingClosed': {
        const s = setting(idOf(e.streamId));
        s.closed = true;
        s.vacancies.clear();
        break;
      }
      case 'VacancyOpened':
      case 'VacancyChanged': {
        const s = setting(idOf(e.streamId));
        const id = String(d.vacancyId);
        if (s.closed || (e.type === 'VacancyChanged' && !s.vacancies.has(id))) break;
        s.vacancies.set(id, { places: Number(d.places), from: day(String(d.availableFrom)) });
        break;
      }
      case 'VacancyFilled': {
        const s = setting(idOf(e.streamId));
        const v = s.vacancies.get(String(d.vacancyId));
        if (!v) break;
        v.places = Number(d.placesLeft);
        if (v.places <= 0) s.vacancies.delete(String(d.vacancyId));
        break;
      }
      case 'VacancyClosed':
        setting(idOf(e.streamId)).vacancies.delete(String(d.vacancyId));
        break;
      case 'PlacementStarted':
        setting(String(d.settingId)).placements.set(String(d.placementId), {
          birthMonth: month(String(d.startedOn)) - Number(d.childAgeMonths),
        });
        break;
      case 'StressReportFiled': {
        const s = setting(String(d.settingId));
        const pid = String(d.placementId);
        if (!s.placements.has(pid)) break;
        const days = s.stress.get(pid) ?? new Map<number, number>();
        s.stress.set(pid, days);
        for (const x of d.days as { date: string; stressful: string[] }[])
          days.set(day(x.date), x.stressful.length);
        break;
      }
      case 'PlacementEnded': {
        const s = setting(String(d.settingId));
        const pid = String(d.placementId);
        s.placements.delete(pid);
        s.stress.delete(pid);
        if (d.disrupted === true || d.reasonPlaceChange === 'CREQB')
          s.disruptions.set(pid, day(String(d.endedOn)));
        break;
      }
      default:
        break;
    }
  }
  const rows: SettingRow[] = [];
  for (const s of settings.values()) {
    if (!s.registered || s.closed || s.grid === null) continue;
    const p = providers.get(s.providerId);
    const t = s.terms;
    const h = s.household;
    const vac = [...s.vacancies.values()];
    let latest = Number.NEGATIVE_INFINITY;
    for (const v of vac) latest = Math.max(latest, v.from);
    // Children already here: placed ones (birth month from the age at the start) and the household's own
    // (an age in completed years on the profile's date: the birth month is uncertain by 11 months).
    let others = 0;
    let latestBirth = Number.NEGATIVE_INFINITY;
    let earliestBirth = Number.POSITIVE_INFINITY;
    for (const c of s.placements.values()) {
      others += 1;
      latestBirth = Math.max(latestBirth, c.birthMonth);
      earliestBirth = Math.min(earliestBirth, c.birthMonth);
    }
    const asOf = h ? month(String(h.asOf)) : Number.NaN;
    for (const c of (h?.otherChildren as { ageYears: number }[] | undefined) ?? []) {
      others += 1;
      latestBirth = Math.max(latestBirth, asOf - c.ageYears * 12);
      earliestBirth = Math.min(earliestBirth, asOf - c.ageYears * 12 - 11);
    }
    const stressByDay = new Map<number, number>();
    for (const days of s.stress.values()) {
      for (const [d, n] of days) stressByDay.set(d, Math.max(n, stressByDay.get(d) ?? 0));
    }
    const stressDays = [...stressByDay.keys()].sort((a, b) => a - b);
    const costs = [...s.costs.entries()].sort((a, b) => a[0] - b[0]);
    const groups = groupBits(
      s.types.map((c) => (PLACEMENT_TYPES as Record<string, { group: string }>)[c]?.group),
    );
    const judgement = p?.judgement ?? null;
    rows.push({
      setting_id: s.id,
      easting: s.grid.easting,
      northing: s.grid.northing,
      authority: s.authority,
      admitting: p !== undefined && p.registered && !p.suspended && !p.deregistered,
      approved: t !== null,
      open_places: vac.reduce((n, v) => n + v.places, 0),
      latest_from_day: Number.isFinite(latest) ? latest : -NO_LAST_DAY,
      vac_from: vac.map((v) => v.from),
      vac_places: vac.map((v) => v.places),
      min_age: t ? Number(rec(t.ageRange).minYears) * 12 : 0,
      max_age_excl: t ? (Number(rec(t.ageRange).maxYears) + 1) * 12 : 0,
      max_siblings: t ? Math.min(Number(t.maxFromOneSiblingGroup), Number(t.maxChildren)) : 0,
      group_mask: groups,
      purpose_mask: purposeBits(t?.purposes as string[]),
      risk_mask: riskBits(t?.manageableRisks as string[]),
      adaptation_mask: adaptationBits(t?.adaptations as string[]),
      others_count: others,
      latest_birth_others: latestBirth,
      earliest_birth_others: earliestBirth,
      has_pets: Array.isArray(h?.pets) && (h?.pets as unknown[]).length > 0,
      disability_mask: disabilityBits(t?.disabilitySpecialisms as string[]),
      specialism_mask: specialismBits(t?.specialisms as string[]),
      communication_mask: communicationBits(h?.communicationMethods as string[]),
      religion_mask: religionBits(h?.religionsPractised as string[]),
      languages: [...new Set(((h?.languages as string[] | undefined) ?? []).map(primary))],
      stress_days: stressDays,
      stress_max: stressDays.map((d) => stressByDay.get(d) as number),
      disruption_days: [...s.disruptions.values()].sort((a, b) => a - b),
      cost_from: costs.map(([d]) => d),
      cost_pence: costs.map(([, c]) => c),
      ofsted_rank:
        judgement === null ? -1 : OFSTED_JUDGEMENTS.indexOf(judgement as (typeof OFSTED_JUDGEMENTS)[number]),
    });
  }
  return rows;
};

// ---------------------------------------------------------------------------------------------------------
// Schema and load

/** Creates the table and its indexes, loads the rows and analyses them; returns the time taken in ms. */
export const loadRows = async (
  sql: SqlClient,
  schema: string,
  rows: readonly SettingRow[],
): Promise<number> => {
  const s = ident(schema);
  const started = performance.now();
  await sql.exec(`
    DROP SCHEMA IF EXISTS ${s} CASCADE;
    CREATE SCHEMA ${s};
    CREATE TABLE ${s}.settings (
      setting_id text COLLATE "C" PRIMARY KEY,
      easting float8 NOT NULL,
      northing float8 NOT NULL,
      pt point NOT NULL,
      authority text NOT NULL,
      admitting boolean NOT NULL,
      approved boolean NOT NULL,
      open_places integer NOT NULL,
      latest_from_day integer NOT NULL,
      vac_from integer[] NOT NULL,
      vac_places integer[] NOT NULL,
      min_age integer NOT NULL,
      max_age_excl integer NOT NULL,
      max_siblings integer NOT NULL,
      group_mask integer NOT NULL,
      purpose_mask integer NOT NULL,
      risk_mask integer NOT NULL,
      adaptation_mask integer NOT NULL,
      others_count integer NOT NULL,
      latest_birth_others float8 NOT NULL,
      earliest_birth_others float8 NOT NULL,
      has_pets boolean NOT NULL,
      disability_mask integer NOT NULL,
      specialism_mask integer NOT NULL,
      communication_mask integer NOT NULL,
      religion_mask integer NOT NULL,
      languages text[] NOT NULL,
      stress_days integer[] NOT NULL,
      stress_max integer[] NOT NULL,
      disruption_days integer[] NOT NULL,
      cost_from integer[] NOT NULL,
      cost_pence integer[] NOT NULL,
      ofsted_rank integer NOT NULL,
      matchable boolean GENERATED ALWAYS AS (admitting AND approved AND open_places > 0) STORED
    );`);
  const cols = Object.keys(rows[0] ?? {}) as (keyof SettingRow)[];
  const BATCH = 2_000;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => ({
      ...r,
      latest_birth_others: String(r.latest_birth_others),
      earliest_birth_others: String(r.earliest_birth_others),
    }));
    await sql.query(
      `INSERT INTO ${s}.settings (${cols.join(', ')}, pt)
       SELECT ${cols.map((c) => `x.${c}`).join(', ')}, point(x.easting, x.northing)
         FROM jsonb_populate_recordset(NULL::${s}.settings, $1::jsonb) x`,
      [JSON.stringify(batch)],
    );
  }
  // Honest indexes: the KNN / box index over settings that can be matched now (the same idea as the engine's
  // buckets listing only matchable settings), a btree on the age band of those, and one on the authority.
  await sql.exec(`
    CREATE INDEX settings_matchable_pt ON ${s}.settings USING gist (pt) WHERE matchable;
    CREATE INDEX settings_matchable_age ON ${s}.settings (min_age, max_age_excl) WHERE matchable;
    CREATE INDEX settings_authority ON ${s}.settings (authority);
    ANALYZE ${s}.settings;`);
  return performance.now() - started;
};

// ---------------------------------------------------------------------------------------------------------
// The query

/** What the engine derives from a need and a policy, derived again here (see libs/matching/src/context.ts). */
interface Derived {
  n: number;
  weights: Record<string, number>;
  weightSum: number;
  school: GridRef | null;
  homeToSchoolMiles: number;
}

const FACTOR_ORDER = [
  'siblings-together',
  'distance-from-home',
  'in-authority',
  'school-continuity',
  'disability-and-health',
  'uasc-support',
  'language-and-communication',
  'religion-and-culture',
  'carer-stress',
  'ofsted',
  'weekly-cost',
] as const;

const derive = (need: NeedProfile, policy: MatchingPolicy): Derived => {
  const kids = need.children;
  const applies: Record<string, boolean> = {
    'siblings-together': kids.length > 1,
    'distance-from-home': true,
    'in-authority': true,
    'school-continuity': need.schoolGrid !== undefined,
    'disability-and-health': kids.some(
      (c) => disabilityBits(c.disabilities) !== 0 || c.healthNeeds.length > 0,
    ),
    'uasc-support': kids.some((c) => c.uasc),
    'language-and-communication': kids.some(
      (c) => c.languages.length > 0 || communicationBits(c.communication) !== 0,
    ),
    'religion-and-culture': kids.some((c) => c.religion !== undefined && c.religion !== 'no-religion'),
    'carer-stress': true,
    ofsted: true,
    'weekly-cost': true,
  };
  const ks4 = kids.some((c) => c.yearGroup === 10 || c.yearGroup === 11);
  const weights: Record<string, number> = {};
  let weightSum = 0;
  for (const f of FACTOR_ORDER) {
    let w = applies[f] ? policy.weights[f] : 0;
    if (f === 'school-continuity' && ks4) w *= policy.school.keyStage4Multiplier;
    weights[f] = w;
    weightSum += w;
  }
  const school = need.schoolGrid ?? null;
  const homeToSchoolMiles =
    school === null
      ? 0
      : Math.sqrt(
          (need.homeGrid.easting - school.easting) ** 2 + (need.homeGrid.northing - school.northing) ** 2,
        ) /
        (1.6093 * 1000);
  return { n: kids.length, weights, weightSum, school, homeToSchoolMiles };
};

/** A parameter, numbered when the text first uses it (so parameters a shape does not use are not sent). */
type Ref = { toString(): string };

/** A statement's numbered parameters. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, type: string): Ref {
    let ref: string | null = null;
    return {
      toString: () => {
        if (ref === null) {
          this.values.push(value);
          ref = `$${this.values.length}::${type}`;
        }
        return ref;
      },
    };
  }
}

const miles = (e: string, n: string, ge: Ref, gn: Ref) =>
  `round(sqrt((${ge} - ${e}) * (${ge} - ${e}) + (${gn} - ${n}) * (${gn} - ${n})) / 1000::float8 / 1.6093::float8 * 10::float8) / 10::float8`;
const stepped = (m: string, step: Ref) =>
  `(CASE WHEN ${m} <= ${step} THEN 1::float8 - (1::float8 - 0.7::float8) * (${m} / ${step}) ELSE (0.5::float8 * ${step}) / ${m} END)`;

/** The one statement of a search, and its parameters; the text depends only on the shape of the need. */
export const searchQuery = (
  schema: string,
  need: NeedProfile,
  policy: MatchingPolicy,
  today: string,
  limit: number,
): { name: string; text: string; values: unknown[] } => {
  const s = ident(schema);
  const d = derive(need, policy);
  const P = new Params();
  const todayDay = day(today);
  const todayMonth = month(today);
  const he = P.add(need.homeGrid.easting, 'float8');
  const hn = P.add(need.homeGrid.northing, 'float8');
  const nP = P.add(d.n, 'int');
  const neededBy = P.add(
    need.urgency === 'today' ? todayDay : need.urgency === 'under-5-days' ? todayDay + 4 : NO_LAST_DAY,
    'int',
  );
  const allowed = P.add(
    (need.suitability.foster ? G.fostering : 0) |
      (need.suitability.residential ? G.residential : 0) |
      (need.suitability.supported ? G.supported : 0) |
      (need.secureCriteriaMet ? G.secure : 0),
    'int',
  );
  const purpose = P.add(purposeBits([need.purpose]), 'int');
  const floor = P.add(
    policy.ofstedFloor === undefined ? 1_000 : OFSTED_JUDGEMENTS.indexOf(policy.ofstedFloor),
    'int',
  );
  const children = need.children.map((c) => ({
    age: P.add(c.ageMonths, 'int'),
    birth: P.add(todayMonth - c.ageMonths, 'float8'),
    lives: P.add(c.livesAlongside, 'text'),
    noPets: P.add(c.cannotLiveWithPets, 'bool'),
    risk: P.add(riskBits(c.risks), 'int'),
    adapt: P.add(adaptationBits(c.adaptations), 'int'),
    dis: P.add(disabilityBits(c.disabilities), 'int'),
    health: P.add(c.healthNeeds.length > 0, 'bool'),
    comm: P.add(communicationBits(c.communication), 'int'),
    langs: P.add([...new Set(c.languages.map(primary))], 'text[]'),
    religion:
      c.religion === undefined || c.religion === 'no-religion'
        ? null
        : P.add(religionBits([c.religion]), 'int'),
  }));
  const eligible = [
    's.matchable',
    `(CASE WHEN s.latest_from_day <= ${neededBy} THEN s.open_places ELSE (SELECT coalesce(sum(v.p), 0) FROM unnest(s.vac_from, s.vac_places) v(f, p) WHERE v.f <= ${neededBy}) END) >= ${nP}`,
    `s.max_siblings >= ${nP}`,
    `(s.group_mask & ${allowed}) <> 0`,
    `(s.purpose_mask & ${purpose}) <> 0`,
    `s.ofsted_rank <= ${floor}`,
    ...children.flatMap((c) => [
      `s.min_age <= ${c.age} AND ${c.age} < s.max_age_excl`,
      `NOT ((s.group_mask & ${allowed} & ~${G.supported}) = 0 AND ${c.age} < 192)`,
      `(s.others_count = 0 OR ${c.lives} = 'any' OR (${c.lives} = 'older-only' AND s.latest_birth_others < ${c.birth}) OR (${c.lives} = 'younger-only' AND s.earliest_birth_others > ${c.birth}))`,
      `NOT (${c.noPets} AND s.has_pets)`,
      `(${c.risk} & ~s.risk_mask) = 0`,
      `(${c.adapt} & ~s.adaptation_mask) = 0`,
    ]),
  ].join('\n      AND ');

  const w = (f: string) => P.add(d.weights[f], 'float8');
  const W = P.add(d.weightSum, 'float8');
  const wDist = w('distance-from-home');
  const wAuth = w('in-authority');
  const wSchool = w('school-continuity');
  const wKeep = w('carer-stress');
  const wOfsted = w('ofsted');
  const wCost = w('weekly-cost');
  const wSib = w('siblings-together');
  const wDis = w('disability-and-health');
  const wUasc = w('uasc-support');
  const wLang = w('language-and-communication');
  const wRel = w('religion-and-culture');
  const step = P.add(policy.distanceStepMiles, 'float8');
  const schoolStep = P.add(policy.school.reasonableMiles, 'float8');
  const se = d.school ? P.add(d.school.easting, 'float8') : null;
  const sn = d.school ? P.add(d.school.northing, 'float8') : null;
  const homeLa = P.add(need.homeLocalAuthority, 'text');
  const todayP = P.add(todayDay, 'int');
  const stressFrom = P.add(todayDay - policy.keep.lookbackDays, 'int');
  const threshold = P.add(policy.keep.stressThreshold, 'int');
  const disruptedFrom = P.add(todayDay - policy.keep.disruptionLookbackDays, 'int');
  const band = (g: 'fostering' | 'residential' | 'supported' | 'secure') => ({
    lo: P.add(policy.cost[g].lowPence, 'float8'),
    hi: P.add(policy.cost[g].highPence, 'float8'),
  });
  const bands = { f: band('fostering'), r: band('residential'), su: band('supported'), se: band('secure') };
  const usable = `(s.group_mask & ${allowed})`;
  const pick = (k: 'lo' | 'hi') =>
    `CASE WHEN (${usable} & ${G.fostering}) <> 0 THEN ${bands.f[k]} WHEN (${usable} & ${G.residential}) <> 0 THEN ${bands.r[k]} WHEN (${usable} & ${G.supported}) <> 0 THEN ${bands.su[k]} ELSE ${bands.se[k]} END`;

  // Child factors for the whole group (a setting in the list takes every child).
  const needed = need.children.reduce(
    (n, c) => n + popcount(disabilityBits(c.disabilities)) + (c.healthNeeds.length > 0 ? 1 : 0),
    0,
  );
  const langNeeded = need.children.reduce(
    (n, c) => n + new Set(c.languages.map(primary)).size + popcount(communicationBits(c.communication)),
    0,
  );
  const uascNeeded = need.children.some((c) => c.uasc);
  const met = () =>
    children
      .map(
        (c) =>
          `bit_count((${c.dis} & s.disability_mask)::bit(32)) + (CASE WHEN ${c.health} AND (s.specialism_mask & ${COMPLEX_HEALTH}) <> 0 THEN 1 ELSE 0 END)`,
      )
      .join(' + ');
  const langMet = () =>
    children
      .map(
        (c) =>
          `bit_count((${c.comm} & s.communication_mask)::bit(32)) + (SELECT count(*) FROM unnest(${c.langs}) l WHERE l = ANY (s.languages))`,
      )
      .join(' + ');
  const religious = children.filter((c) => c.religion !== null);
  const religionSum = religious.length
    ? religious
        .map((c) => `(CASE WHEN (s.religion_mask & ${c.religion}) <> 0 THEN 1::float8 ELSE 0.4::float8 END)`)
        .reduce((acc, term) => `(${acc} + ${term})`, '0::float8')
    : '1::float8';
  const coverage = needed === 0 ? '1::float8' : `(${met()})::float8 / ${P.add(needed, 'float8')}`;
  const langCoverage =
    langNeeded === 0 ? '1::float8' : `(${langMet()})::float8 / ${P.add(langNeeded, 'float8')}`;
  const religionScore = religious.length
    ? `${religionSum} / ${P.add(religious.length, 'float8')}`
    : '1::float8';
  const uascScore = uascNeeded
    ? `(CASE WHEN (s.specialism_mask & ${UASC}) <> 0 THEN 1::float8 ELSE 0::float8 END)`
    : '1::float8';

  const scored = (from: string) => `
    SELECT s.setting_id,
           floor((((((((((((${wDist} * ${stepped('x.hm', step)}
                      + ${wAuth} * (CASE WHEN s.authority = ${homeLa} THEN 1::float8 ELSE 0::float8 END))
                      + ${wSchool} * ${se === null ? '1::float8' : stepped('x.sm', schoolStep)})
                      + ${wKeep} * k.keep)
                      + ${wOfsted} * (CASE s.ofsted_rank WHEN 0 THEN 1::float8 WHEN 1 THEN 0.75::float8 WHEN 2 THEN 0.4::float8 WHEN 3 THEN 0.1::float8 ELSE 0.5::float8 END))
                      + ${wCost} * c.cost)
                      + ${wSib} * 1::float8)
                      + ${wDis} * ${coverage})
                      + ${wUasc} * ${uascScore})
                      + ${wLang} * ${langCoverage})
                      + ${wRel} * ${religionScore}) / ${W}) * 10000::float8 + 0.5::float8) / 10000::float8 AS total
      FROM ${from}
     CROSS JOIN LATERAL (SELECT ${miles('s.easting', 's.northing', he, hn)} AS hm,
                                ${se === null || sn === null ? '0::float8' : miles('s.easting', 's.northing', se, sn)} AS sm
                         OFFSET 0) x
     CROSS JOIN LATERAL (SELECT CASE WHEN cardinality(s.stress_days) = 0 AND cardinality(s.disruption_days) = 0 THEN 1::float8
                                ELSE (SELECT (CASE WHEN q.rep = 0 THEN 1::float8 ELSE 1::float8 - q.ovr / q.rep END) / (1::float8 + q.dis)
                                        FROM (SELECT count(*) FILTER (WHERE u.d > ${stressFrom} AND u.d <= ${todayP})::float8 AS rep,
                                                     count(*) FILTER (WHERE u.d > ${stressFrom} AND u.d <= ${todayP} AND u.m > ${threshold})::float8 AS ovr,
                                                     (SELECT count(*) FROM unnest(s.disruption_days) r WHERE r > ${disruptedFrom} AND r <= ${todayP})::float8 AS dis
                                                FROM unnest(s.stress_days, s.stress_max) u(d, m)) q)
                                END AS keep
                         OFFSET 0) k
     CROSS JOIN LATERAL (SELECT CASE WHEN p.pence IS NULL THEN 0.5::float8 WHEN p.pence <= p.lo THEN 1::float8 WHEN p.pence >= p.hi THEN 0::float8
                                     ELSE (p.hi - p.pence) / (p.hi - p.lo) END AS cost
                           FROM (SELECT CASE WHEN cardinality(s.cost_from) = 0 THEN NULL
                                             WHEN s.cost_from[cardinality(s.cost_from)] <= ${todayP} THEN s.cost_pence[cardinality(s.cost_pence)]::float8
                                             ELSE (SELECT cc.p FROM unnest(s.cost_from, s.cost_pence) cc(f, p) WHERE cc.f <= ${todayP} ORDER BY cc.f DESC LIMIT 1)::float8
                                        END AS pence,
                                        ${pick('lo')} AS lo, ${pick('hi')} AS hi
                                 OFFSET 0) p) c`;

  // The engine's upper bound for anything at least `m` miles away (every factor but distance, school and
  // authority at 1, authority assumed), at radii from 0 to 1,000 miles; the first below L bounds the search.
  const bound = (m: string) => {
    const lostHome = `${wDist} * (1::float8 - ${stepped(`greatest(0::float8, ${m} - 0.05::float8)`, step)})`;
    const lostSchool =
      se === null
        ? ''
        : ` + ${wSchool} * (1::float8 - ${stepped(`greatest(0::float8, ${m} - ${P.add(d.homeToSchoolMiles, 'float8')} - 0.05::float8)`, schoolStep)})`;
    return `(${W} - (${lostHome}${lostSchool})) / ${W}`;
  };
  const limitP = P.add(limit, 'int');
  const text = `
WITH nearest AS MATERIALIZED (
  SELECT s.setting_id FROM ${s}.settings s WHERE s.matchable ORDER BY s.pt <-> point(${he}, ${hn}) LIMIT 400
), near_scored AS (
  ${scored(`${s}.settings s JOIN nearest USING (setting_id)`)}
   WHERE ${eligible}
), cut AS (
  SELECT coalesce((SELECT total FROM near_scored ORDER BY total DESC LIMIT 1 OFFSET ${limitP} - 1), -1::float8) AS l
), radius AS (
  SELECT coalesce(min(g.m), 2000::float8) AS r
    FROM unnest('{${RADII.join(',')}}'::float8[]) AS g(m), cut
   WHERE ${bound('g.m')} + 0.0001::float8 < cut.l
), found AS (
  ${scored(`${s}.settings s`)}
   WHERE (SELECT r FROM radius) < 1000
     AND s.pt <@ (SELECT box(point(${he} - (r + 0.1) * 1609.3, ${hn} - (r + 0.1) * 1609.3), point(${he} + (r + 0.1) * 1609.3, ${hn} + (r + 0.1) * 1609.3)) FROM radius)
     AND ${eligible}
  UNION ALL
  ${scored(`${s}.settings s`)}
   WHERE (SELECT r FROM radius) >= 1000
     AND ${eligible}
)
SELECT setting_id, total FROM found ORDER BY total DESC, setting_id LIMIT ${limitP}`;
  const withReligion = need.children.flatMap((c, i) =>
    c.religion === undefined || c.religion === 'no-religion' ? [] : [i],
  );
  const name = `pmbench_${d.n}_${se === null ? 0 : 1}_${needed === 0 ? 0 : 1}_${langNeeded === 0 ? 0 : 1}_r${withReligion.join('')}_${uascNeeded ? 1 : 0}`;
  return { name, text, values: P.values };
};

/** Runs one search's statement; returns the top settings with their totals. */
export const runSearch = async (
  sql: SqlExecutor,
  q: { name: string; text: string; values: unknown[] },
): Promise<{ settingId: string; total: number }[]> => {
  const { rows } = await sql.query<{ setting_id: string; total: number }>(q.text, q.values, { name: q.name });
  return rows.map((r) => ({ settingId: r.setting_id, total: Number(r.total) }));
};
