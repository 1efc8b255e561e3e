import { Injectable, OnModuleInit } from '@nestjs/common';
import { chunksOf, ImportCounts, ImportJobs } from '@placematch/imports';
import { Ssda903ImportProgress, Ssda903ImportService } from './ssda903-import.service';

/** The job name of an SSDA903 return import on the `imports` queue, and its `kind`. */
export const SSDA903_IMPORT = 'ssda903';

/**
 * The counts of a return import: rows read from both files; imported and unchanged count children (each with
 * its placements); a rejected row is one with at least one problem, per file and line.
 */
export const ssda903Counts = (p: Ssda903ImportProgress): ImportCounts => ({
  phase: p.phase,
  rowsRead: p.headerRows + p.episodeRows,
  imported: p.childrenImported,
  rejected: new Set(p.problems.map((problem) => `${problem.file}:${problem.line}`)).size,
  headerRows: p.headerRows,
  episodeRows: p.episodeRows,
  children: p.children,
  childrenDone: p.childrenDone,
  unchanged: p.childrenUnchanged,
  placementsImported: p.placementsImported,
  placementsUnchanged: p.placementsUnchanged,
  merged: p.merged,
  eventsWritten: p.eventsWritten,
});

/**
 * Registers the SSDA903 return import (files `header` and `episodes`, field `localAuthority`) with the imports
 * worker. A retry is safe: ids derive (keyed) from the authority, `CHILD` and the first `DECOM`, so what is
 * already recorded writes nothing. The files hold children's personal data: they stay in SQL, and only counts leave.
 */
@Injectable()
export class Ssda903ImportJob implements OnModuleInit {
  constructor(
    private readonly imports: ImportJobs,
    private readonly service: Ssda903ImportService,
  ) {}

  onModuleInit(): void {
    this.imports.register({
      name: SSDA903_IMPORT,
      files: ['header', 'episodes'],
      run: async ({ files, params, actor, progress }) => {
        const report = await this.service.import(
          {
            header: chunksOf(files.header),
            episodes: chunksOf(files.episodes),
            localAuthority: params.localAuthority,
          },
          actor,
          (p) => progress(() => ssda903Counts(p)),
        );
        return { counts: ssda903Counts(report), notices: report.notices, problems: report.problems };
      },
    });
  }
}
