import { Module } from '@nestjs/common';
import { ImportJobs } from './import-jobs.service';
import { ImportStore } from './import.store';
import { ImportsController } from './imports.controller';

/**
 * Imports as jobs: the upload store, {@link ImportJobs} (enqueue, status, the import workers) and
 * `GET /api/imports/{id}`. Every module that owns an import imports this one and registers its kind; Nest
 * makes one instance however many import it. Needs the runtime's SQL_CLIENT, JOB_QUEUE and CommandContext.
 */
@Module({
  controllers: [ImportsController],
  providers: [ImportStore, ImportJobs],
  exports: [ImportJobs],
})
export class ImportsModule {}
