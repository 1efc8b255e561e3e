import type { ChildNeed, NeedProfile, SearchResult } from '@placematch/matching';
import {
  approvalPurposeFor,
  Child,
  coarseOf,
  GuardKind,
  GUARDS,
  isKeyStage4,
  RequestRecord,
  SearchSummaryEntry,
  Suitability,
} from '@placematch/placements';
import {
  COMMUNICATION_METHODS,
  CommunicationMethod,
  ProviderId,
  RISK_CODES,
  SettingId,
} from '@placematch/supply';

type RecordedChild = Extract<Child, { status: 'Recorded' }>;

/** What a search adds to the request: the day, and two answers the Placements Standard does not carry. */
export interface SearchChoices {
  /** The day of the search in England (`YYYY-MM-DD`): ages and year groups are taken on it. */
  today: string;
  /** The legal criteria for secure accommodation are met (M-31): only then are secure homes searched. */
  secureCriteriaMet: boolean;
  /** Look for one setting for the whole group first (M-09). */
  keepSiblingsTogether: boolean;
}

const allows = (s: Suitability): boolean => s !== 'unsuitable';

/** `n` opaque markers (`prefix-1`, …): matching counts needs, and never sees the words they are written in. */
const markers = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

const isMethod = (value: string): value is CommunicationMethod =>
  (COMMUNICATION_METHODS as readonly string[]).includes(value);

/**
 * The need profile of a request, built from the request's Placements Standard fields and each child's record,
 * with coarse values only (architecture.md section 7): the child's id as the opaque ref, age in months and year
 * group on the day, the home's and school's 1 km grid squares from the request, codes. Words never reach
 * matching: cultural and health needs travel as counted markers.
 *
 * Where the standard was silent:
 * - a sibling group's suitability is what every child allows (a kind of placement unsuitable for one child is
 *   not searched for the group; a split can still be proposed and decided);
 * - the school is that of the first child in Year 10 or 11 who has one (M-18 turns on them), else the first
 *   child's with one;
 * - each recorded health need counts once (the record does not tell routine needs from complex ones);
 * - communication is the child's record (BSL, Makaton) plus the request's BSL/Makaton requirements.
 */
export const needProfileFor = (
  request: RequestRecord,
  children: ReadonlyMap<string, RecordedChild>,
  choices: SearchChoices,
): NeedProfile => {
  const { details } = request;
  const needs = details.children.map((requested) => {
    const child = children.get(requested.childId);
    if (!child) throw new Error(`The record of child ${requested.childId} was not given`);
    const coarse = coarseOf(child.details, choices.today);
    const communication = [
      ...new Set([...child.details.communication, ...requested.communication.requirements.filter(isMethod)]),
    ];
    const cultural =
      requested.culturalNeeds.need === 'required' || requested.culturalNeeds.need === 'other'
        ? Math.max(1, requested.culturalNeeds.details.length)
        : 0;
    const need: ChildNeed = {
      ref: requested.childId,
      ageMonths: coarse.ageMonths,
      yearGroup: coarse.yearGroup,
      disabilities: [...child.details.disabilities],
      adaptations: [...requested.adaptations],
      languages: [...child.details.languages],
      communication,
      ...(child.details.religion !== undefined && { religion: child.details.religion }),
      culturalNeeds: markers('cultural-need', cultural),
      uasc: child.details.uasc,
      risks: RISK_CODES.filter((code) => requested.risks[code] !== 'none'),
      livesAlongside: requested.livesAlongside,
      cannotLiveWithPets: requested.pets === 'no',
      healthNeeds: markers('health-need', child.details.healthNeeds.length),
    };
    return { need, school: requested.school, keyStage4: isKeyStage4(coarse.yearGroup) };
  });
  const school = (needs.find((n) => n.keyStage4 && n.school) ?? needs.find((n) => n.school))?.school;
  const every = (pick: (s: RequestRecord['details']['children'][number]['suitability']) => Suitability) =>
    details.children.every((c) => allows(pick(c.suitability)));
  return {
    children: needs.map((n) => n.need),
    homeGrid: details.home.gridReference,
    homeLocalAuthority: details.localAuthority,
    ...(school && { schoolGrid: school.gridReference }),
    purpose: approvalPurposeFor(details.purpose),
    urgency: details.urgency,
    emergency: details.emergency,
    suitability: {
      foster: every((s) => s.foster),
      residential: every((s) => s.residential),
      supported: every((s) => s.supportedAccommodation),
    },
    secureCriteriaMet: choices.secureCriteriaMet,
    keepSiblingsTogether: choices.keepSiblingsTogether,
  };
};

/**
 * The summary a recorded search keeps beside its evidence: the matches for the whole group in rank order, then
 * each setting of the proposed sibling splits not already listed (flagged `sibling-separation`), so people can
 * shortlist from either. `resultCount` counts the settings listed.
 */
export const searchSummary = (result: SearchResult): { resultCount: number; top: SearchSummaryEntry[] } => {
  const entry = (m: SearchResult['results'][number]): SearchSummaryEntry => ({
    settingId: m.settingId as SettingId,
    providerId: m.providerId as ProviderId,
    score: m.total,
    guards: m.guards.map((g) => g.guard as GuardKind),
  });
  const top = result.results.map(entry);
  const listed = new Set(top.map((t) => t.settingId as string));
  for (const proposal of result.splits) {
    for (const part of proposal.parts) {
      if (listed.has(part.match.settingId)) continue;
      listed.add(part.match.settingId);
      top.push(entry(part.match));
    }
  }
  return { resultCount: top.length, top };
};

/**
 * The guards matching flagged for choosing `settingId`: those of the most recent recorded search that listed
 * it (the evidence the decision relies on, so a decision can be explained later from the log), plus
 * out-of-authority whenever the setting's host authority is not the request's (M-11 is about the boundary, a
 * fact that needs no search). The decider adds sibling separation and emergency where they apply.
 */
export const guardsForDecision = (
  request: RequestRecord,
  settingId: string,
  settingHostAuthority: string | undefined,
): GuardKind[] => {
  const entry = Object.values(request.searches)
    .reverse()
    .map((search) => search.top.find((t) => t.settingId === settingId))
    .find((found) => found !== undefined);
  const guards = new Set<GuardKind>(entry?.guards ?? []);
  if (settingHostAuthority !== undefined && settingHostAuthority !== request.details.localAuthority) {
    guards.add('out-of-authority');
  }
  return GUARDS.filter((g) => guards.has(g));
};
