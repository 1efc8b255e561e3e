// A projection process that is killed in the middle of a page: it applies part of its second page,
// says PAUSED on stdout, and waits inside the open transaction for the test to SIGKILL it.
import { SqlEventStore } from '@placematch/event-store';
import { PostgresSqlClient } from '@placematch/sql';
import { ProjectionRunner } from '../projection-runner';
import { streamActivityProjection } from './stream-activity.projection';

const [databaseUrl, eventSchema, projectionSchema, checkpointSchema] = process.argv.slice(2);

const main = async () => {
  const sql = new PostgresSqlClient({ connectionString: databaseUrl });
  const store = await SqlEventStore.open(sql, { schema: eventSchema });
  const projection = streamActivityProjection(projectionSchema, {
    page: 2,
    afterEvents: 50,
    onPause: () => process.stdout.write('PAUSED\n'),
  });
  const runner = new ProjectionRunner(store, sql, [projection], { schema: checkpointSchema, batchSize: 100 });
  await runner.start();
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
