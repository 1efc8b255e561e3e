import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@placematch/event-store';
import { ValidationError } from '@placematch/kernel';
import { readReturnHistory } from './return-history.reader';

/** An export of the log as an SSDA903 return. */
export interface Ssda903Export {
  /** The authority exported; `null` when the log holds no return at all. */
  localAuthority: string | null;
  /** The Header CSV file (RFC 4180, CRLF line breaks). */
  headerCsv: string;
  /** The Episodes CSV file. */
  episodesCsv: string;
  children: number;
  episodes: number;
}

/**
 * Exports the placement histories recorded from SSDA903 returns as the return's Header and Episodes CSV files,
 * from the event log (see `ReturnHistoryLog`): `HOME_POST` and `PL_POST` are postcode sectors, because the log
 * holds nothing finer; an erased child is left out. Importing the export into an empty store gives the same
 * histories, and exporting that gives the same files.
 */
@Injectable()
export class Ssda903ExportService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * @throws ValidationError `SSDA903.SEVERAL_AUTHORITIES` when no authority is named and the log holds the
   *   returns of more than one (their `CHILD` references could clash in one file).
   */
  async export(options: { localAuthority?: string } = {}): Promise<Ssda903Export> {
    const log = await readReturnHistory(this.store);
    const authorities = log.authorities();
    if (options.localAuthority === undefined && authorities.length > 1) {
      throw new ValidationError(
        'SSDA903.SEVERAL_AUTHORITIES',
        `The log holds the returns of ${authorities.join(', ')}: name the authority to export`,
        { authorities },
      );
    }
    const localAuthority = options.localAuthority ?? authorities[0] ?? null;
    const scope = localAuthority ?? undefined;
    const header = log.headerRows(scope);
    const episodes = log.episodeRows(scope);
    return {
      localAuthority,
      headerCsv: log.headerCsv(scope),
      episodesCsv: log.episodesCsv(scope),
      children: header.length - 1,
      episodes: episodes.length - 1,
    };
  }
}
