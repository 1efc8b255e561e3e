/**
 * The event store's tables and its append function, in schema `s` (already quoted). Idempotent: run at
 * every start. A change to a released table is a new statement added at the end, never an edit.
 */
export const eventStoreSchema = (s: string): string => `
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE IF NOT EXISTS ${s}.streams (
  stream_id text PRIMARY KEY,
  revision bigint NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS ${s}.event_seq;

CREATE TABLE IF NOT EXISTS ${s}.events (
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  seq bigint NOT NULL DEFAULT nextval('${s.replace(/"/g, '')}.event_seq'),
  event_id uuid NOT NULL,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tx, seq)
);

CREATE UNIQUE INDEX IF NOT EXISTS events_stream_revision ON ${s}.events (stream_id, revision);
CREATE UNIQUE INDEX IF NOT EXISTS events_event_id ON ${s}.events (event_id);

-- p_expected: -2 any, -1 no stream, n the exact revision of the stream's last event.
CREATE OR REPLACE FUNCTION ${s}.append_events(p_stream text, p_expected bigint, p_events jsonb)
RETURNS TABLE (out_revision bigint, out_tx text, out_seq bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_count integer := jsonb_array_length(p_events);
  v_last bigint;
  v_actual bigint;
BEGIN
  IF p_expected = -2 THEN
    INSERT INTO ${s}.streams AS st (stream_id, revision) VALUES (p_stream, v_count - 1)
      ON CONFLICT (stream_id) DO UPDATE SET revision = st.revision + v_count
      RETURNING st.revision INTO v_last;
  ELSIF p_expected = -1 THEN
    INSERT INTO ${s}.streams AS st (stream_id, revision) VALUES (p_stream, v_count - 1)
      ON CONFLICT (stream_id) DO NOTHING
      RETURNING st.revision INTO v_last;
  ELSE
    UPDATE ${s}.streams AS st SET revision = st.revision + v_count
      WHERE st.stream_id = p_stream AND st.revision = p_expected
      RETURNING st.revision INTO v_last;
  END IF;

  IF v_last IS NULL THEN
    SELECT st.revision INTO v_actual FROM ${s}.streams st WHERE st.stream_id = p_stream;
    RAISE EXCEPTION USING ERRCODE = 'PM409', MESSAGE = 'wrong expected version',
      DETAIL = coalesce(v_actual::text, 'none');
  END IF;

  RETURN QUERY
    INSERT INTO ${s}.events AS e (event_id, stream_id, revision, type, schema_version, data, metadata)
    SELECT (x.ev->>'id')::uuid, p_stream, v_last - v_count + x.ord, x.ev->>'type',
           (x.ev->>'schemaVersion')::integer, x.ev->'data', x.ev->'metadata'
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(ev, ord)
     ORDER BY x.ord
    RETURNING e.revision, e.tx::text, e.seq;
END
$fn$;
`;
