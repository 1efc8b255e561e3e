export * from './runtime.options';
export * from './runtime.module';
export * from './projection-host';
export * from './tokens';
export * from './adapters';
export * from './command-context';
export * from './data-dir-lock';
export * from './aggregates';
