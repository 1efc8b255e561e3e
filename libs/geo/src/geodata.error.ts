/**
 * Why reference geodata (the district table, an ONSPD file) could not be loaded: `GEODATA.FILE_NOT_FOUND`,
 * `GEODATA.FILE_UNREADABLE`, `GEODATA.FILE_EMPTY`, `GEODATA.COLUMNS_MISSING`, `GEODATA.ROW_MALFORMED`.
 *
 * A start-up configuration failure, not a refusal of a request, so it is not a kernel DomainError (which
 * the HTTP layer would turn into a 4xx blaming the caller). The message says what to fix.
 */
export class GeodataError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
