export * from './ssda903.module';
export * from './ssda903-import.service';
export * from './ssda903-export.service';
export * from './return-history.reader';
export * from './ssda903-import.job';
export * from './ssda903-ids.provider';
