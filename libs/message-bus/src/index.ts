export * from './message-bus.port';
export * from './errors';
export * from './logger';
export * from './partitioner';
export * from './adapters/in-process/in-process.message-bus';
export * from './adapters/kafka/kafka.message-bus';
