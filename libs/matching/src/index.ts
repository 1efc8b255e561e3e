// The matching context: the supply view, its spatial index, need profiles, policies and the search. Pure: no
// framework, no I/O, no clock.
export {
  SupplyView,
  CARER_REQUESTED_END_FOR_BEHAVIOUR,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
} from './supply-view';
export type {
  ViewEvent,
  PlacementStartedData,
  StressReportFiledData,
  PlacementEndedData,
  SettingSummary,
  SupplyViewSnapshot,
  ProviderSnapshot,
  SettingSnapshot,
  SettingLocationListener,
} from './supply-view';
export { SpatialIndex, DEFAULT_CELL_METRES, METRES_PER_DFE_MILE } from './spatial-index';
export type { NearbySetting } from './spatial-index';
export * from './need-profile';
export * from './policy';
export { ELIGIBILITY_RULES, ELIGIBILITY_RULE_DESCRIPTIONS } from './eligibility';
export type { EligibilityRule } from './eligibility';
export {
  steppedDistanceScore,
  distanceScore,
  schoolScore,
  siblingsScore,
  coverageScore,
  keepScore,
  ofstedScore,
  costScore,
  OFSTED_SCORES,
  OFSTED_UNKNOWN_SCORE,
  COST_UNKNOWN_SCORE,
  RELIGION_NOT_PRACTISED_SCORE,
} from './factors';
export type { FactorScore } from './factors';
export { GUARDS, GUARD_APPROVALS } from './match';
export type { Guard, GuardKind, Match } from './match';
export type { SplitPart, SplitProposal } from './splits';
export { search, MAX_LIMIT } from './search';
export type { SearchOptions, SearchResult } from './search';
export * from './policy.decider';
