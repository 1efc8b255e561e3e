import { Child, CHILD_PERSONAL_FIELDS, ChildId } from '@placematch/placements';
import { ERASED } from '@placematch/privacy';

type Recorded = Extract<Child, { status: 'Recorded' }>;

/**
 * A child as read from its stream: the state, and the record as it was before any erasure. After erasure
 * the state keeps nothing but the erasure itself; the record still has the codes and coarse values (the
 * personal fields in it read as erased markers, because the key is gone), so the codes remain visible.
 */
export interface LoadedChild {
  state: Child;
  record: Recorded | null;
  revision: number | null;
}

const PERSONAL = CHILD_PERSONAL_FIELDS.ChildRecorded.paths as readonly string[];

/**
 * A child as the placement team sees it: personal fields in full while the child is recorded; after erasure
 * every personal field reads `{ erased: true }`, whatever the log still holds, while codes and coarse values
 * (for statistics) remain.
 */
export const childView = ({ state, record, revision }: LoadedChild) => {
  if (state.status === 'Unrecorded' || record === null) return null;
  const erased = state.status === 'Erased';
  const details: Record<string, unknown> = { ...record.details };
  if (erased) for (const field of PERSONAL) if (field in details) details[field] = { ...ERASED };
  return {
    childId: record.childId as ChildId,
    status: state.status,
    ...details,
    school: details.school ?? null,
    religion: details.religion ?? null,
    coarse: record.coarse,
    wishesAndFeelings: record.wishes.map((w) => (erased ? { ...w, summary: { ...ERASED } } : w)),
    erasure: state.status === 'Erased' ? state.erasure : null,
    revision,
  };
};

/** The response body of a child endpoint. */
export type ChildView = NonNullable<ReturnType<typeof childView>>;
