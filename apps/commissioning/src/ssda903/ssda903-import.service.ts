import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@placematch/event-store';
import {
  EpisodeRow,
  HeaderRow,
  ReturnChild,
  ReturnIds,
  Ssda903File,
  Ssda903Problem,
  Ssda903Rows,
  buildReturnHistory,
  readSsda903File,
  recordChildCommand,
  recordPlacementCommand,
} from '@placematch/interop';
import { Actor, ValidationError, isDomainError } from '@placematch/kernel';
import { ExecuteCommand, CommandContext } from '@placematch/runtime';
import { isChildrensServicesAuthority, londonDate } from '@placematch/supply';
import { readReturnHistory } from './return-history.reader';
import { HISTORIC_PLACEMENT_AGGREGATE } from './ssda903.aggregates';
import { SSDA903_RETURN_IDS } from './ssda903-ids.provider';

/** Chunks of one file, as a read stream gives them. */
export type FileChunks = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Where an import of a return stands; reported as it goes and at the end. */
export interface Ssda903ImportProgress {
  /** Reading the Header file, then the Episodes file, then recording children and placements. */
  phase: 'header' | 'episodes' | 'recording' | 'done';
  /** Records read from the Header file (the header line and blank lines aside). */
  headerRows: number;
  /** Records read from the Episodes file. */
  episodeRows: number;
  /** Children to record (the good Header rows). */
  children: number;
  /** Children recorded so far, with their placements. */
  childrenDone: number;
  /** Children whose record or placements changed (events written). */
  childrenImported: number;
  /** Children already recorded just so (nothing written). */
  childrenUnchanged: number;
  placementsImported: number;
  placementsUnchanged: number;
  /** Episodes given twice, open and closed (two years' returns), imported once. */
  merged: number;
  /** Every row left out, with its file, line and reason (in file and line order at the end). */
  problems: Ssda903Problem[];
  notices: string[];
  eventsWritten: number;
}

/** The return to import. */
export interface Ssda903ImportRequest {
  /** The Header CSV file. */
  header: FileChunks;
  /** The Episodes CSV file. */
  episodes: FileChunks;
  /** ONS code of the authority whose return it is: it scopes `CHILD` (ids derive from both, keyed). */
  localAuthority: string;
}

/**
 * Imports an SSDA903 return (Header and Episodes CSV files) as history: each child (`RecordChildFromReturn`)
 * and each placement, its episodes grouped as `buildReturnHistory` says (`RecordHistoricPlacement`), under
 * ids derived from the authority, `CHILD` and the first `DECOM` under a key from the privacy master key
 * ({@link SSDA903_RETURN_IDS}: `CHILD` alone does not lead to an erased child's history), so importing the
 * same files again writes nothing. Every bad row is reported with its file, line and reason, and the good
 * rows are imported all the same. Earlier imports are read from the log first, so a later year's return
 * continues their placements.
 */
@Injectable()
export class Ssda903ImportService {
  constructor(
    private readonly commands: CommandBus,
    private readonly context: CommandContext,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SSDA903_RETURN_IDS) private readonly ids: ReturnIds,
  ) {}

  /**
   * @throws ValidationError `SSDA903.INVALID_LOCAL_AUTHORITY`, and the parser's file-level faults
   *   (`SSDA903.MISSING_COLUMNS`, `SSDA903.WRONG_FILE`, `SSDA903.NO_HEADER`, `CSV.NOT_UTF8`, …): nothing is
   *   written then.
   */
  async import(
    request: Ssda903ImportRequest,
    actor: Actor,
    onProgress: (progress: Ssda903ImportProgress) => void = () => undefined,
  ): Promise<Ssda903ImportProgress> {
    const { localAuthority } = request;
    if (!isChildrensServicesAuthority(localAuthority)) {
      throw new ValidationError(
        'SSDA903.INVALID_LOCAL_AUTHORITY',
        "Give the authority whose return it is as the ONS code of a children's services authority (E06, E08, E09 or E10 and 6 digits)",
        { localAuthority },
      );
    }
    const progress: Ssda903ImportProgress = {
      phase: 'header',
      headerRows: 0,
      episodeRows: 0,
      children: 0,
      childrenDone: 0,
      childrenImported: 0,
      childrenUnchanged: 0,
      placementsImported: 0,
      placementsUnchanged: 0,
      merged: 0,
      problems: [],
      notices: [],
      eventsWritten: 0,
    };
    const today = londonDate(this.context.now());
    const header: HeaderRow[] = [];
    const badHeaderRows = new Map<string, number>();
    await this.read(
      request.header,
      'header',
      today,
      progress,
      onProgress,
      (row) => header.push(row),
      (problem) => {
        if (problem.child !== undefined) badHeaderRows.set(problem.child, problem.line);
      },
    );
    progress.phase = 'episodes';
    const episodes: EpisodeRow[] = [];
    await this.read(request.episodes, 'episodes', today, progress, onProgress, (row) => episodes.push(row));

    const recorded = (await readReturnHistory(this.store)).recorded(localAuthority);
    const history = buildReturnHistory({
      localAuthority,
      ids: this.ids,
      header,
      episodes,
      badHeaderRows,
      recorded,
    });
    progress.phase = 'recording';
    progress.problems.push(...history.problems);
    progress.merged = history.merged;
    progress.children = history.children.length;
    onProgress(progress);

    const at = this.context.now().toISOString();
    for (const child of history.children) {
      await this.recordChild(child, localAuthority, at, actor, progress);
      progress.childrenDone += 1;
      onProgress(progress);
    }
    progress.problems.sort((a, b) => fileOrder(a.file) - fileOrder(b.file) || a.line - b.line);
    progress.phase = 'done';
    onProgress(progress);
    return progress;
  }

  /** Reads one file, counting each record once however many problems it has. */
  private async read<F extends Ssda903File>(
    chunks: FileChunks,
    file: F,
    today: string,
    progress: Ssda903ImportProgress,
    onProgress: (progress: Ssda903ImportProgress) => void,
    onRow: (row: Ssda903Rows[F]) => void,
    onProblem: (problem: Ssda903Problem) => void = () => undefined,
  ): Promise<void> {
    const count = file === 'header' ? 'headerRows' : 'episodeRows';
    let lastProblemLine = 0;
    for await (const item of readSsda903File(chunks, file, { today })) {
      if (item.kind === 'notice') {
        progress.notices.push(item.notice.message);
        continue;
      }
      if (item.kind === 'row') {
        progress[count] += 1;
        onRow(item.row);
      } else {
        if (item.problem.line !== lastProblemLine) progress[count] += 1;
        lastProblemLine = item.problem.line;
        progress.problems.push(item.problem);
        onProblem(item.problem);
      }
      onProgress(progress);
    }
  }

  private async recordChild(
    child: ReturnChild,
    localAuthority: string,
    at: string,
    actor: Actor,
    progress: Ssda903ImportProgress,
  ): Promise<void> {
    let written = 0;
    try {
      const result = await this.commands.execute(
        new ExecuteCommand('child', child.childId, recordChildCommand(child, localAuthority, at), actor),
      );
      written += result.events.length;
    } catch (e) {
      // A business refusal is a bad row, reported like the parser's; anything else stops the import.
      if (!isDomainError(e)) throw e;
      const reason = `${e.code}: ${e.message}`;
      progress.problems.push({
        file: 'header',
        line: child.header.line,
        column: 'row',
        code: 'CHILD.REFUSED',
        reason,
        child: child.child,
      });
      for (const line of child.placements.flatMap((p) => p.lines)) {
        progress.problems.push({
          file: 'episodes',
          line,
          column: 'CHILD',
          code: 'CHILD.REFUSED',
          reason: `the child's Header row (line ${child.header.line}) was refused: ${reason}`,
          child: child.child,
        });
      }
      return;
    }
    for (const placement of child.placements) {
      try {
        const result = await this.commands.execute(
          new ExecuteCommand(
            HISTORIC_PLACEMENT_AGGREGATE.name,
            placement.placementId,
            recordPlacementCommand(child, placement, localAuthority, at),
            actor,
          ),
        );
        written += result.events.length;
        if (result.events.length > 0) progress.placementsImported += 1;
        else progress.placementsUnchanged += 1;
      } catch (e) {
        if (!isDomainError(e)) throw e;
        for (const line of placement.lines) {
          progress.problems.push({
            file: 'episodes',
            line,
            column: 'row',
            code: 'PLACEMENT.REFUSED',
            reason: `${e.code}: ${e.message}`,
            child: child.child,
          });
        }
      }
    }
    progress.eventsWritten += written;
    if (written > 0) progress.childrenImported += 1;
    else progress.childrenUnchanged += 1;
  }
}

const fileOrder = (file: Ssda903File): number => (file === 'header' ? 0 : 1);
