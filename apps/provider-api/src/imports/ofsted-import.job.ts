import { Injectable, OnModuleInit } from '@nestjs/common';
import { chunksOf, ImportCounts, ImportJobs } from '@placematch/imports';
import { ImportProgress, OfstedImportService } from './ofsted-import.service';

/** The job name of an Ofsted provider list import on the `imports` queue, and its `kind`. */
export const OFSTED_IMPORT = 'ofsted';

/** The counts of an Ofsted list import: a rejected row is one with at least one problem. */
export const ofstedCounts = (p: ImportProgress): ImportCounts => ({
  rowsRead: p.rowsRead,
  imported: p.imported,
  rejected: new Set(p.problems.map((problem) => problem.line)).size,
  unchanged: p.unchanged,
  skipped: p.skipped,
  eventsWritten: p.eventsWritten,
});

/**
 * Registers the Ofsted provider list import (one file, `csv`) with the imports worker. A retry is safe: the
 * service derives providers' and settings' ids from the URN, so rows already imported write nothing.
 */
@Injectable()
export class OfstedImportJob implements OnModuleInit {
  constructor(
    private readonly imports: ImportJobs,
    private readonly service: OfstedImportService,
  ) {}

  onModuleInit(): void {
    this.imports.register({
      name: OFSTED_IMPORT,
      files: ['csv'],
      run: async ({ files, actor, progress }) => {
        const report = await this.service.import(chunksOf(files.csv), actor, (p) =>
          progress(() => ofstedCounts(p)),
        );
        return { counts: ofstedCounts(report), notices: report.notices, problems: report.problems };
      },
    });
  }
}
