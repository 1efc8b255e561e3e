import {
  DEFAULT_STABILITY_RULES,
  DEFAULT_SUPPRESSION_THRESHOLD,
  StabilityRules,
  suppressionPolicy,
} from '@placematch/commissioning';
import { DEFAULT_STALE_AFTER_DAYS } from '@placematch/supply';
import { COMMISSIONING_SCHEMA } from './projections/commissioning.projections';

/** Injection token for {@link CommissioningOptions}. */
export const COMMISSIONING_OPTIONS = Symbol('COMMISSIONING_OPTIONS');

/** How the commissioning module counts and shows figures. */
export interface CommissioningOptions {
  /** Counts from 1 to `suppressionThreshold - 1` are shown as `c`; default 5 (architecture.md section 6). */
  suppressionThreshold: number;
  /** Days after which an unconfirmed vacancy is stale; default supply's 7. */
  staleAfterDays: number;
  /** The stability counting rules left to interpretation (see `StabilityRules`). */
  stabilityRules: StabilityRules;
  /** The SQL schema of the read model; default `commissioning`. */
  schema: string;
}

/** The defaults. */
export const DEFAULT_COMMISSIONING_OPTIONS: CommissioningOptions = {
  suppressionThreshold: DEFAULT_SUPPRESSION_THRESHOLD,
  staleAfterDays: DEFAULT_STALE_AFTER_DAYS,
  stabilityRules: DEFAULT_STABILITY_RULES,
  schema: COMMISSIONING_SCHEMA,
};

/**
 * The options with defaults filled in, checked: a bad threshold or stale period fails at start with a message
 * that says how to fix it.
 */
export const commissioningOptions = (given: Partial<CommissioningOptions> = {}): CommissioningOptions => {
  const options = { ...DEFAULT_COMMISSIONING_OPTIONS, ...given };
  try {
    suppressionPolicy(options.suppressionThreshold);
  } catch {
    throw new Error(
      `CommissioningModule: suppressionThreshold must be a whole number from 1 to 100 (5 hides counts 1 to 4); got ${options.suppressionThreshold}`,
    );
  }
  if (!Number.isInteger(options.staleAfterDays) || options.staleAfterDays < 1) {
    throw new Error(
      `CommissioningModule: staleAfterDays must be a whole number of days, 1 or more; got ${options.staleAfterDays}`,
    );
  }
  return options;
};
