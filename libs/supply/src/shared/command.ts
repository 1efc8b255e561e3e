import type { DomainEvent } from '@placematch/kernel';

/**
 * The one shape of every supply command: what to do (`type`), its input (`data`) and when it was decided
 * (`at`, an ISO-8601 instant the command handler takes from the clock port). Deciders never read a clock:
 * "today", "now" and every recorded time come from `at`. Ids and looked-up values (a postcode's grid
 * reference, a provider's status) are in `data`.
 *
 * @example `{ type: 'OpenVacancy', data: { vacancyId, places: 2, availableFrom: '2025-04-01' }, at: '2025-03-10T09:00:00Z' }`
 */
export interface SupplyCommand<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  /** ISO-8601 instant from the clock port. */
  readonly at: string;
}

/**
 * A command a client is likely to retry (the provider API's vacancy updates). A repeat that carries a key
 * the aggregate has seen recently produces no events; the API layer then answers with the first result.
 */
export interface RetriableCommand<Type extends string, Data> extends SupplyCommand<Type, Data> {
  /** Chosen by the client, unique per intended change (a UUID is a good choice). */
  readonly idempotencyKey?: string;
}

/**
 * Every supply event: a kernel {@link DomainEvent} whose type is stable and past tense, at schema version 1
 * (the first version of every supply event).
 */
export type SupplyEvent<Type extends string, Data> = DomainEvent<Type, Data> & { schemaVersion: 1 };
