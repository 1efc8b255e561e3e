/** Injection token for the process's {@link ProjectionRunner}. */
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
/** Multi-provider token: each feature module contributes its SQL projections here. */
export const PROJECTIONS = Symbol('PROJECTIONS');
