export * from './decider';
export * from './events';
export * from './errors';
export * from './ids';
export * from './clock';
export * from './tokens';
