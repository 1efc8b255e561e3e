import { ValidationError } from '@placematch/kernel';
import { ageInMonths, continuesPlacement, isTemporaryPlacement } from '@placematch/placements';
import type {
  ChildId,
  HistoricEpisode,
  RecordChildFromReturn,
  RecordHistoricPlacement,
} from '@placematch/placements';
import { isChildrensServicesAuthority } from '@placematch/supply';
import type { PlacementId } from '@placematch/supply';
import type { ReturnIds } from './ssda903-ids';
import type { EpisodeRow, HeaderRow, Ssda903Problem } from './ssda903-rows';
import { formatReturnDate } from './ssda903-values';

/** A placement of a child, as the import records it. */
export interface ReturnPlacement {
  /** `ReturnIds.placementIdFor` the child and the first episode's `DECOM`. */
  readonly placementId: PlacementId;
  /** The Episodes file lines it comes from (none for episodes only an earlier import recorded). */
  readonly lines: readonly number[];
  /** The child's age in completed months when it began. */
  readonly childAgeMonths: number;
  readonly episodes: readonly HistoricEpisode[];
}

/** A child of the return, as the import records it: the Header row and the placements. */
export interface ReturnChild {
  readonly child: string;
  /** `ReturnIds.childIdFor` the authority and `CHILD`. */
  readonly childId: ChildId;
  readonly header: HeaderRow;
  /** In date order. */
  readonly placements: readonly ReturnPlacement[];
}

/** What to build the history from. */
export interface ReturnHistoryInput {
  /** ONS code of the authority whose return it is. */
  readonly localAuthority: string;
  /** How children and placements get their ids: keyed, so `CHILD` alone does not lead to them. */
  readonly ids: ReturnIds;
  /** The good rows of the Header file, in file order. */
  readonly header: readonly HeaderRow[];
  /** The good rows of the Episodes file, in file order. */
  readonly episodes: readonly EpisodeRow[];
  /** The `CHILD` of each Header row that had problems, with its line, so an episode can say why it has no child. */
  readonly badHeaderRows?: ReadonlyMap<string, number>;
  /**
   * What earlier imports recorded for each `CHILD`: its placements' episodes, each placement in date order.
   * The file's episodes are merged into them (the file wins for an episode with the same `DECOM`: a later
   * return closes or corrects it), so a later year's return continues the placements of an earlier one.
   */
  readonly recorded?: ReadonlyMap<string, readonly (readonly HistoricEpisode[])[]>;
}

/** The history a return holds, and every row it leaves out with the reason. */
export interface ReturnHistory {
  /** By `CHILD`. */
  readonly children: readonly ReturnChild[];
  readonly problems: readonly Ssda903Problem[];
  /** Episodes given twice, once open and once closed (two years' returns): imported once, closed. */
  readonly merged: number;
}

/** One episode on its way through the builder: from the file (with its line) or from an earlier import. */
interface Item {
  readonly episode: HistoricEpisode;
  readonly line?: number;
}

const sameEpisode = (a: HistoricEpisode, b: HistoricEpisode): boolean =>
  (Object.keys(a) as (keyof HistoricEpisode)[]).every((key) => a[key] === b[key]);

const EPISODE_COLUMNS: Readonly<Record<keyof HistoricEpisode, string>> = {
  startedOn: 'DECOM',
  reasonNewEpisode: 'RNE',
  legalStatus: 'LS',
  cinCategory: 'CIN',
  placementType: 'PLACE',
  placeProvider: 'PLACE_PROVIDER',
  urn: 'URN',
  homeSector: 'HOME_POST',
  placementSector: 'PL_POST',
  endedOn: 'DEC',
  rec: 'REC',
  reasonPlaceChange: 'REASON_PLACE_CHANGE',
};

const ENDING: readonly (keyof HistoricEpisode)[] = ['endedOn', 'rec', 'reasonPlaceChange'];

/** The same episode from two returns: one open, the other closed, and nothing else different. */
const openAndClosed = (a: HistoricEpisode, b: HistoricEpisode): boolean =>
  (a.endedOn === null) !== (b.endedOn === null) &&
  (Object.keys(a) as (keyof HistoricEpisode)[]).every((key) => ENDING.includes(key) || a[key] === b[key]);

const listed = (items: readonly string[]): string =>
  items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/**
 * Builds the history a return holds: each child of the Header file with its placements, grouping the
 * episodes by `continuesPlacement` (temporary moves, legal-status-only changes, returns from temporary moves
 * and episodes in which nothing about the placement changed do not start a placement). Pure: give it the
 * good rows of both files (and what earlier imports recorded); it judges what needs both files or the whole
 * of a child's history, and reports every row it leaves out with its line and reason:
 *
 * - a Header row for a `CHILD` seen before: `ROW.DUPLICATE` when the same, else `ROW.CONFLICTING_DUPLICATE`
 *   (the earlier row is the one imported);
 * - an episode with the `DECOM` of an earlier one of the same child: `ROW.DUPLICATE` when the same; the same
 *   episode open in one row and closed in the other (two years' returns) is merged, the closed one kept;
 *   otherwise `ROW.CONFLICTING_DUPLICATE`;
 * - `CHILD.NOT_IN_HEADER`: an episode of a child with no good Header row;
 * - `DATE.BEFORE_BIRTH`: an episode that begins before the child's `DOB`;
 * - `EPISODE.OVERLAPS`: an episode that begins before the one before it ended (or while it is open);
 * - `EPISODE.TEMPORARY_WITHOUT_PLACEMENT`: temporary moves with no placement before or after them on the same
 *   day (validator rule 383);
 * - `EPISODE.BEFORE_IMPORTED_HISTORY`: an episode that would join two placements an earlier import recorded
 *   apart (import returns oldest first, or several years in one file).
 *
 * @throws ValidationError `SSDA903.INVALID_LOCAL_AUTHORITY` when `localAuthority` is not the ONS code of a
 *   children's services authority.
 */
export const buildReturnHistory = (input: ReturnHistoryInput): ReturnHistory => {
  const { localAuthority, ids } = input;
  if (!isChildrensServicesAuthority(localAuthority)) {
    throw new ValidationError(
      'SSDA903.INVALID_LOCAL_AUTHORITY',
      "The authority of a return is the ONS code of a children's services authority (E06, E08, E09 or E10 and 6 digits)",
      { localAuthority },
    );
  }
  const problems: Ssda903Problem[] = [];
  const episodeProblem = (
    line: number,
    child: string,
    code: Ssda903Problem['code'],
    reason: string,
    column: Ssda903Problem['column'] = 'row',
  ) => problems.push({ file: 'episodes', line, column, code, reason, child });

  const headers = new Map<string, HeaderRow>();
  for (const row of input.header) {
    const earlier = headers.get(row.child);
    if (earlier === undefined) {
      headers.set(row.child, row);
      continue;
    }
    const differing = (
      ['gender', 'dateOfBirth', 'ethnicity', 'upn', 'mother', 'motherChildDateOfBirth'] as const
    )
      .filter((key) => earlier[key] !== row[key])
      .map((key) => HEADER_COLUMNS[key]);
    problems.push({
      file: 'header',
      line: row.line,
      column: 'CHILD',
      child: row.child,
      ...(differing.length === 0
        ? {
            code: 'ROW.DUPLICATE' as const,
            reason: `CHILD ${row.child} repeats line ${earlier.line}; the row on line ${earlier.line} is the one imported`,
          }
        : {
            code: 'ROW.CONFLICTING_DUPLICATE' as const,
            reason: `CHILD ${row.child} is already on line ${earlier.line} with a different ${listed(differing)}; the row on line ${earlier.line} is the one imported`,
          }),
    });
  }

  const byChild = new Map<string, EpisodeRow[]>();
  for (const row of input.episodes) {
    if (!headers.has(row.child)) {
      const bad = input.badHeaderRows?.get(row.child);
      episodeProblem(
        row.line,
        row.child,
        'CHILD.NOT_IN_HEADER',
        bad === undefined
          ? `CHILD ${row.child} is not in the Header file`
          : `CHILD ${row.child}'s Header row (line ${bad}) was not imported`,
        'CHILD',
      );
      continue;
    }
    const rows = byChild.get(row.child) ?? [];
    rows.push(row);
    byChild.set(row.child, rows);
  }

  let merged = 0;
  const children: ReturnChild[] = [];
  for (const header of [...headers.values()].sort((a, b) => compare(a.child, b.child))) {
    const { child } = header;
    const report = (
      line: number,
      code: Ssda903Problem['code'],
      reason: string,
      column?: Ssda903Problem['column'],
    ) => episodeProblem(line, child, code, reason, column);

    // Duplicates: one episode per DECOM from the file.
    const fromFile = new Map<string, { episode: HistoricEpisode; line: number }>();
    for (const row of byChild.get(child) ?? []) {
      const { episode, line } = row;
      const kept = fromFile.get(episode.startedOn);
      if (kept === undefined) {
        fromFile.set(episode.startedOn, { episode, line });
      } else if (sameEpisode(kept.episode, episode)) {
        report(
          line,
          'ROW.DUPLICATE',
          `this episode repeats line ${kept.line}; the row on line ${kept.line} is the one imported`,
        );
      } else if (openAndClosed(kept.episode, episode)) {
        merged += 1;
        if (kept.episode.endedOn === null) fromFile.set(episode.startedOn, { episode, line });
      } else {
        const differing = (Object.keys(episode) as (keyof HistoricEpisode)[])
          .filter((key) => episode[key] !== kept.episode[key])
          .map((key) => EPISODE_COLUMNS[key]);
        report(
          line,
          'ROW.CONFLICTING_DUPLICATE',
          `CHILD ${child} already has an episode from ${formatReturnDate(episode.startedOn)} on line ${kept.line} with a different ${listed(differing)}; the row on line ${kept.line} is the one imported`,
        );
      }
    }

    // What earlier imports recorded, the file winning on the same DECOM (a later return closes or corrects it).
    const recorded = input.recorded?.get(child) ?? [];
    const recordedStarts = new Set(recorded.map((placement) => placement[0]?.startedOn));
    let items: Item[] = [
      ...recorded
        .flat()
        .filter((e) => !fromFile.has(e.startedOn))
        .map((episode) => ({ episode })),
      ...[...fromFile.values()].map(({ episode, line }) => ({ episode, line })),
    ].sort((a, b) => compare(a.episode.startedOn, b.episode.startedOn));

    items = items.filter((item) => {
      if (item.line === undefined || item.episode.startedOn >= header.dateOfBirth) return true;
      report(
        item.line,
        'DATE.BEFORE_BIRTH',
        `DECOM ${formatReturnDate(item.episode.startedOn)} is before the child's DOB ${formatReturnDate(header.dateOfBirth)}`,
        'DECOM',
      );
      return false;
    });

    items = withoutOverlaps(items, (line, reason) => report(line, 'EPISODE.OVERLAPS', reason, 'DECOM'));

    // Group; an episode that would join placements an earlier import recorded apart is left out, and again.
    let groups = group(items);
    for (;;) {
      const refused = joiningRecordedPlacements(groups, recordedStarts);
      if (refused.length === 0) break;
      for (const { item, start } of refused) {
        report(
          item.line as number,
          'EPISODE.BEFORE_IMPORTED_HISTORY',
          `this episode would make the placement from ${formatReturnDate(start)}, recorded by an earlier import, part of an earlier one: import returns oldest first, or several years in one file`,
        );
      }
      const out = new Set(refused.map(({ item }) => item));
      groups = group(groups.flat().filter((item) => !out.has(item)));
    }

    const placements: ReturnPlacement[] = [];
    for (const items of groups) {
      const lines = items.flatMap((item) => (item.line === undefined ? [] : [item.line]));
      if (items.every((item) => isTemporaryPlacement(item.episode.placementType))) {
        for (const item of items) {
          if (item.line === undefined) continue;
          report(
            item.line,
            'EPISODE.TEMPORARY_WITHOUT_PLACEMENT',
            `a temporary move (${item.episode.placementType}) with no placement before or after it on the same day: a child comes back from a temporary move (validator rule 383)`,
            'PLACE',
          );
        }
        continue;
      }
      const episodes = items.map((item) => item.episode);
      const startedOn = episodes[0].startedOn;
      if (startedOn < header.dateOfBirth) continue;
      placements.push({
        placementId: ids.placementIdFor(localAuthority, child, startedOn),
        lines,
        childAgeMonths: ageInMonths(header.dateOfBirth, startedOn),
        episodes,
      });
    }
    children.push({ child, childId: ids.childIdFor(localAuthority, child), header, placements });
  }
  return { children, problems: problems.sort(byFileAndLine), merged };
};

const HEADER_COLUMNS = {
  gender: 'SEX',
  dateOfBirth: 'DOB',
  ethnicity: 'ETHNIC',
  upn: 'UPN',
  mother: 'MOTHER',
  motherChildDateOfBirth: 'MC_DOB',
} as const;

/** Plain code-point order (not the locale's), so the order is the same on every machine. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byFileAndLine = (a: Ssda903Problem, b: Ssda903Problem): number =>
  a.file === b.file ? a.line - b.line : a.file === 'header' ? -1 : 1;

/**
 * Leaves out each episode from the file that begins before the one kept before it ends; an episode recorded
 * by an earlier import wins over an overlapping one from the file.
 */
const withoutOverlaps = (items: readonly Item[], overlap: (line: number, reason: string) => void): Item[] => {
  const kept: Item[] = [];
  const describe = (item: Item) =>
    item.line === undefined ? 'recorded by an earlier import' : `on line ${item.line}`;
  for (const item of items) {
    let previous = kept.at(-1);
    const overlaps = (p: Item | undefined): p is Item =>
      p !== undefined && (p.episode.endedOn === null || item.episode.startedOn < p.episode.endedOn);
    if (item.line === undefined) {
      while (overlaps(previous) && previous.line !== undefined) {
        overlap(
          previous.line,
          `this episode overlaps the episode from ${formatReturnDate(item.episode.startedOn)} ${describe(item)}`,
        );
        kept.pop();
        previous = kept.at(-1);
      }
      if (!overlaps(previous)) kept.push(item);
      continue;
    }
    if (!overlaps(previous)) {
      kept.push(item);
      continue;
    }
    const { endedOn } = previous.episode;
    overlap(
      item.line,
      endedOn === null
        ? `DECOM ${formatReturnDate(item.episode.startedOn)} is while the episode ${describe(previous)} is still open (it has no DEC)`
        : `DECOM ${formatReturnDate(item.episode.startedOn)} is before the episode ${describe(previous)} ended (DEC ${formatReturnDate(endedOn)})`,
    );
  }
  return kept;
};

/** Groups a child's episodes (in date order) into placements by `continuesPlacement`. */
const group = (items: readonly Item[]): Item[][] => {
  const groups: Item[][] = [];
  for (const item of items) {
    const current = groups.at(-1);
    if (
      current !== undefined &&
      continuesPlacement(
        current.map((i) => i.episode),
        item.episode,
      )
    ) {
      current.push(item);
    } else {
      groups.push([item]);
    }
  }
  return groups;
};

/**
 * The episodes from the file to leave out because their group joins a placement an earlier import recorded
 * (one that began with an episode now inside the group): the culprit when it comes from the file, else the
 * file's episodes before it in the group.
 */
const joiningRecordedPlacements = (
  groups: readonly Item[][],
  recordedStarts: ReadonlySet<string | undefined>,
): { item: Item; start: string }[] => {
  const refused: { item: Item; start: string }[] = [];
  for (const items of groups) {
    const at = items.findIndex((item, i) => i > 0 && recordedStarts.has(item.episode.startedOn));
    if (at < 0) continue;
    const start = items[at].episode.startedOn;
    const culprits =
      items[at].line !== undefined ? [items[at]] : items.slice(0, at).filter((i) => i.line !== undefined);
    refused.push(...culprits.map((item) => ({ item, start })));
  }
  return refused;
};

/** The command that records a child of the return. `at` is the instant from the clock port. */
export const recordChildCommand = (
  child: ReturnChild,
  localAuthority: string,
  at: string,
): RecordChildFromReturn => {
  const { header } = child;
  return {
    type: 'RecordChildFromReturn',
    data: {
      childId: child.childId,
      localAuthority,
      returnChildId: child.child,
      gender: header.gender,
      dateOfBirth: header.dateOfBirth,
      ethnicity: header.ethnicity,
      upn: header.upn,
      mother: header.mother,
      motherChildDateOfBirth: header.motherChildDateOfBirth,
    },
    at,
  };
};

/** The command that records one placement of a child of the return. */
export const recordPlacementCommand = (
  child: ReturnChild,
  placement: ReturnPlacement,
  localAuthority: string,
  at: string,
): RecordHistoricPlacement => ({
  type: 'RecordHistoricPlacement',
  data: {
    placementId: placement.placementId,
    childId: child.childId,
    localAuthority,
    childAgeMonths: placement.childAgeMonths,
    episodes: placement.episodes.map((episode) => ({ ...episode })),
  },
  at,
});
