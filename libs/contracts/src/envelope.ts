/**
 * The published language between Placematch's services and with other organisations: integration events.
 * They are a separate, versioned set, not the internal events: an internal event can change shape (with an
 * upcaster) without breaking a consumer, and nothing personal about a child is ever published.
 */

/** The contexts that publish, each on its own topic. */
export type IntegrationContext = 'supply' | 'placements' | 'matching';

/**
 * One topic per context; every message on it is keyed by the aggregate id, so one aggregate's events stay
 * in order. The suffix is the topic's major version: a breaking change of the envelope gets a new topic.
 */
export const INTEGRATION_TOPICS: Readonly<Record<IntegrationContext, string>> = Object.freeze({
  supply: 'placematch.supply.v1',
  placements: 'placematch.placements.v1',
  matching: 'placematch.matching.v1',
});

/** Every integration topic. */
export const ALL_INTEGRATION_TOPICS: readonly string[] = Object.values(INTEGRATION_TOPICS);

/**
 * Headers every integration message carries. `event-id` is the id of the internal event it was made from:
 * delivery is at least once, so a consumer drops a message whose id it has already handled.
 */
export const INTEGRATION_HEADERS = Object.freeze({
  eventId: 'event-id',
  eventType: 'event-type',
  eventVersion: 'event-version',
  correlationId: 'correlation-id',
  contentType: 'content-type',
});

/** An integration event as it travels (the message body, JSON). */
export interface IntegrationEvent<Type extends string = string, Data = unknown> {
  /** The id of the internal event it was made from; stable across republishing. */
  id: string;
  /** The event's name, such as `VacancyUpdated`. */
  type: Type;
  /** The schema version of `data` for this type: additive changes keep it, breaking ones bump it. */
  version: number;
  context: IntegrationContext;
  /** The aggregate it is about (also the message key). */
  aggregateId: string;
  /** When the internal event was recorded (ISO 8601). */
  occurredAt: string;
  correlationId?: string;
  data: Data;
}
