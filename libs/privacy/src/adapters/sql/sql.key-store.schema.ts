/**
 * The key store's tables in schema `s` (already quoted). Idempotent: run at every start. A change to a
 * released table is a new statement added at the end, never an edit.
 *
 * `subject_keys.wrapped_key` holds the subject's data key encrypted under the master key; erasure sets it
 * to NULL and keeps the row as a tombstone with the time of erasure, so the subject never gets a new key.
 */
export const keyStoreSchema = (s: string): string => `
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE IF NOT EXISTS ${s}.key_store (
  id smallint PRIMARY KEY CHECK (id = 1),
  master_key_check text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE IF NOT EXISTS ${s}.subject_keys (
  subject_id text PRIMARY KEY,
  wrapped_key text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  erased_at timestamptz,
  CONSTRAINT subject_keys_erased_has_no_key CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);
`;
