// Imports as jobs on the `imports` queue, with their uploads in SQL and their progress through the API.
export * from './import-kind';
export * from './import.store';
export * from './import.view';
export * from './import-view.dto';
export * from './import-jobs.service';
export * from './imports.controller';
export * from './imports.module';
export * from './csv-upload';
export * from './upload-body';
export * from './progress-throttle';
