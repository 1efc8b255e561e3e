/**
 * Where the bus adapters log. Nest's `LoggerService` (and the platform's `JsonLogger`) fits as it is; the
 * adapters pass an object `{ msg, ...fields }` as the message and `'MessageBus'` as the context.
 */
export interface MessageBusLogger {
  log(message: unknown, ...params: unknown[]): void;
  warn(message: unknown, ...params: unknown[]): void;
  error(message: unknown, ...params: unknown[]): void;
}

/** The context the adapters log under. */
export const MESSAGE_BUS_LOG_CONTEXT = 'MessageBus';

// Errors have no enumerable fields: without this they would be written as {}.
const errorsAsObjects = (_key: string, value: unknown) =>
  value instanceof Error ? { name: value.name, message: value.message } : value;

const line = (level: string, message: unknown): string => {
  const fields = typeof message === 'object' && message !== null ? message : { msg: message };
  return `${JSON.stringify({ level, context: MESSAGE_BUS_LOG_CONTEXT, ...fields }, errorsAsObjects)}\n`;
};

/** The logger used when none is given: warnings and errors as JSON lines on stderr, nothing else. */
export const stderrLogger: MessageBusLogger = {
  log: () => undefined,
  warn: (message) => process.stderr.write(line('warn', message)),
  error: (message) => process.stderr.write(line('error', message)),
};
