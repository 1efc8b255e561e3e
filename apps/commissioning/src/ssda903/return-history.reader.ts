import { EventStore, START } from '@placematch/event-store';
import { RETURN_HISTORY_EVENT_TYPES, ReturnHistoryLog } from '@placematch/interop';

const PAGE = 1_000;
const TYPES: ReadonlySet<string> = new Set(RETURN_HISTORY_EVENT_TYPES);

/**
 * Folds the whole event log into the histories recorded from SSDA903 returns. One pass over the log, a page at a
 * time, read through the event store the app is bound to (which decrypts personal fields, so `CHILD` and `DOB`
 * read as written, or as erased).
 */
export const readReturnHistory = async (store: EventStore): Promise<ReturnHistoryLog> => {
  const log = new ReturnHistoryLog();
  let from = START;
  for (;;) {
    const page = await store.readAll(from, PAGE);
    if (page.events.length === 0) return log;
    for (const event of page.events) if (TYPES.has(event.type)) log.apply(event);
    from = page.next;
  }
};
