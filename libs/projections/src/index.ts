export * from './projection';
export * from './projection-runner';
export * from './aggregate-state.projection';
