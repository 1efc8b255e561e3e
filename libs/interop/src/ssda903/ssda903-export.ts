import type {
  ChildRecordedFromReturn,
  HistoricEpisode,
  HistoricPlacementRecorded,
} from '@placematch/placements';
import { SSDA903_EPISODES_COLUMNS, SSDA903_HEADER_COLUMNS } from './ssda903-columns';
import { formatCsv, formatReturnDate } from './ssda903-values';

/** An event as read from the log: its type and data (a `RecordedEvent` will do). */
export interface LoggedEvent {
  readonly type: string;
  readonly data: unknown;
}

/** The event types {@link ReturnHistoryLog} reads; a reader of the log may skip every other. */
export const RETURN_HISTORY_EVENT_TYPES = [
  'ChildRecordedFromReturn',
  'ChildErased',
  'HistoricPlacementRecorded',
] as const;

type Header = ChildRecordedFromReturn['data'];
type History = HistoricPlacementRecorded['data'];

/** A child of the log with a readable return header: not erased, its personal fields decrypted. */
export interface LoggedReturnChild {
  readonly header: Header;
  /** In date order. */
  readonly placements: readonly History[];
}

const text = (value: unknown): value is string => typeof value === 'string';

/** A personal field reads as `{ erased: true }` once its child's key is gone. */
const readable = (header: Header): boolean =>
  text(header.returnChildId) &&
  text(header.dateOfBirth) &&
  (header.upn === null || text(header.upn)) &&
  (header.mother === null || typeof header.mother === 'boolean') &&
  (header.motherChildDateOfBirth === null || text(header.motherChildDateOfBirth));

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The placement histories recorded from SSDA903 returns, folded from the event log (feed it every event, or
 * only {@link RETURN_HISTORY_EVENT_TYPES}, in log order). It gives what an import needs to continue earlier
 * imports, and writes the Header and Episodes CSV files of an authority: the export of the log.
 *
 * The log holds postcode sectors only (the import cuts `HOME_POST` and `PL_POST` to their sector), so the
 * export's postcodes are sectors (`NE1 9`), as LIIA pipelines degrade them. An erased child, whose `CHILD`
 * and `DOB` can no longer be read, is left out with their placements.
 */
export class ReturnHistoryLog {
  private readonly headers = new Map<string, Header>();
  private readonly erased = new Set<string>();
  private readonly placements = new Map<string, History>();

  /** Folds one event; events of other types are ignored. */
  apply(event: LoggedEvent): void {
    switch (event.type) {
      case 'ChildRecordedFromReturn': {
        const header = event.data as Header;
        this.headers.set(header.childId, header);
        return;
      }
      case 'ChildErased':
        this.erased.add((event.data as { childId: string }).childId);
        return;
      case 'HistoricPlacementRecorded': {
        const history = event.data as History;
        this.placements.set(history.placementId, history);
        return;
      }
    }
  }

  /** The authorities whose returns the log holds, in code order. */
  authorities(): string[] {
    return [...new Set([...this.headers.values()].map((h) => h.localAuthority))].sort(compare);
  }

  /** The readable children of an authority (or of every authority), by `CHILD`, with their placements. */
  children(localAuthority?: string): LoggedReturnChild[] {
    const byChild = new Map<string, History[]>();
    for (const history of this.placements.values()) {
      const list = byChild.get(history.childId) ?? [];
      list.push(history);
      byChild.set(history.childId, list);
    }
    return [...this.headers.values()]
      .filter(
        (header) =>
          !this.erased.has(header.childId) &&
          readable(header) &&
          (localAuthority === undefined || header.localAuthority === localAuthority),
      )
      .sort(
        (a, b) => compare(a.returnChildId, b.returnChildId) || compare(a.localAuthority, b.localAuthority),
      )
      .map((header) => ({
        header,
        placements: (byChild.get(header.childId) ?? [])
          .filter((p) => p.localAuthority === header.localAuthority)
          .sort((a, b) => compare(a.startedOn, b.startedOn)),
      }));
  }

  /** What earlier imports recorded for the authority's children: by `CHILD`, each placement's episodes. */
  recorded(localAuthority: string): Map<string, HistoricEpisode[][]> {
    return new Map(
      this.children(localAuthority).map(({ header, placements }) => [
        header.returnChildId,
        placements.map((p) => p.episodes),
      ]),
    );
  }

  /** The Header file rows (the column names first) of an authority, or of every authority. */
  headerRows(localAuthority?: string): string[][] {
    return [
      [...SSDA903_HEADER_COLUMNS],
      ...this.children(localAuthority).map(({ header }) => headerRow(header)),
    ];
  }

  /** The Episodes file rows (the column names first): every episode of every placement, by `CHILD` and `DECOM`. */
  episodeRows(localAuthority?: string): string[][] {
    return [
      [...SSDA903_EPISODES_COLUMNS],
      ...this.children(localAuthority).flatMap(({ header, placements }) =>
        placements.flatMap((p) => p.episodes.map((e) => episodeRow(header.returnChildId, e))),
      ),
    ];
  }

  /** The Header CSV file (RFC 4180, CRLF). */
  headerCsv(localAuthority?: string): string {
    return formatCsv(this.headerRows(localAuthority));
  }

  /** The Episodes CSV file (RFC 4180, CRLF). */
  episodesCsv(localAuthority?: string): string {
    return formatCsv(this.episodeRows(localAuthority));
  }
}

const date = (value: string | null): string => (value === null ? '' : formatReturnDate(value));

const headerRow = (h: Header): string[] => [
  h.returnChildId,
  h.gender,
  date(h.dateOfBirth),
  h.ethnicity,
  h.upn ?? '',
  h.mother === null ? '' : h.mother ? '1' : '0',
  date(h.motherChildDateOfBirth),
];

const episodeRow = (child: string, e: HistoricEpisode): string[] => [
  child,
  date(e.startedOn),
  e.reasonNewEpisode,
  e.legalStatus,
  e.cinCategory,
  e.placementType,
  e.placeProvider ?? '',
  date(e.endedOn),
  e.rec ?? '',
  e.reasonPlaceChange ?? '',
  e.homeSector ?? '',
  e.placementSector ?? '',
  e.urn ?? '',
];
