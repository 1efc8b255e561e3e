/** Who did something: a person or system acting under a role, within a scope. */
export interface Actor {
  /** A stable subject id (a user id, an API key id, or `system:<name>`). */
  id: string;
  /** The role the actor acted under, such as `placement-officer` or `provider`. */
  role: string;
  /** The local authority, region or provider the actor's token is scoped to, where there is one. */
  scope?: string;
}

/** The audit trail of every event: who, why (correlation and causation) and when. */
export interface EventMetadata {
  actor: Actor;
  /** Ties together everything done for one request or job. */
  correlationId: string;
  /** The id of the command or event that caused this one. */
  causationId: string;
  /** ISO-8601 time at which the command was decided (from the clock port). */
  occurredAt: string;
}

/**
 * A fact in a stream. `type` is stable and past tense and is never renamed; `schemaVersion` is bumped for a
 * new required field or a changed meaning, with an upcaster from the old shape. Deciders return events
 * without metadata; the command handler stamps it before appending.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata?: EventMetadata;
}

/** The system actor used by background work (projections, jobs, imports). */
export const systemActor = (name: string): Actor => ({ id: `system:${name}`, role: 'system' });
