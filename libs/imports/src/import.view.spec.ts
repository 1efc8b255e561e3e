import type { JobInfo } from '@placematch/job-queue';
import { importState, importView, JOB_LOST, NO_COUNTS } from './import.view';
import type { ImportRecord } from './import.store';

const record = (over: Partial<ImportRecord> = {}): ImportRecord => ({
  importId: '5f0e7c1a-0000-4000-8000-000000000001',
  kind: 'ofsted',
  uploadId: '5f0e7c1a-0000-4000-8000-000000000002',
  retryOf: null,
  actor: { id: 'test-operator', role: 'operator' },
  correlationId: 'c-1',
  createdAt: new Date('2025-01-06T10:00:00Z'),
  outcome: null,
  finishedAt: null,
  counts: null,
  report: null,
  failedReason: null,
  ...over,
});

const job = (over: Partial<JobInfo> = {}): JobInfo => ({
  id: '5f0e7c1a-0000-4000-8000-000000000001',
  name: 'ofsted',
  data: { uploadId: '5f0e7c1a-0000-4000-8000-000000000002' },
  state: 'waiting',
  progress: 0,
  attemptsMade: 0,
  ...over,
});

describe('importState', () => {
  it.each([
    ['waiting', 'waiting'],
    ['delayed', 'waiting'],
    ['active', 'active'],
    ['completed', 'completed'],
    ['failed', 'failed'],
  ] as const)('shows a job %s as %s while the record has no outcome', (jobState, shown) => {
    expect(importState(record(), job({ state: jobState }))).toBe(shown);
  });

  it('takes the record’s outcome once set, whatever the queue still says', () => {
    expect(importState(record({ outcome: 'completed' }), job({ state: 'active' }))).toBe('completed');
    expect(importState(record({ outcome: 'failed' }), job({ state: 'active' }))).toBe('failed');
    expect(importState(record({ outcome: 'completed' }), null)).toBe('completed');
  });

  it('calls an unfinished import the queue no longer holds failed', () => {
    expect(importState(record(), null)).toBe('failed');
  });
});

describe('importView', () => {
  it('shows a waiting import with no counts yet, its upload kept', () => {
    expect(importView(record(), job())).toEqual({
      id: '5f0e7c1a-0000-4000-8000-000000000001',
      kind: 'ofsted',
      state: 'waiting',
      progress: NO_COUNTS,
      attemptsMade: 0,
      createdAt: '2025-01-06T10:00:00.000Z',
      uploadKept: true,
    });
  });

  it('shows a running import’s latest progress from the queue', () => {
    const progress = { rowsRead: 120, imported: 100, rejected: 3 };
    expect(importView(record(), job({ state: 'active', progress }))).toMatchObject({
      state: 'active',
      progress,
    });
  });

  it('shows a completed import’s final counts and report from its record, even once the queue has pruned it', () => {
    const counts = { rowsRead: 9, imported: 3, rejected: 6 };
    const report = { notices: [], problems: [{ line: 4, reason: 'URN "SC99910" is not an Ofsted URN' }] };
    const done = record({
      outcome: 'completed',
      finishedAt: new Date('2025-01-06T10:01:00Z'),
      counts,
      report,
      uploadId: null,
    });
    const view = importView(done, null);
    expect(view).toEqual({
      id: done.importId,
      kind: 'ofsted',
      state: 'completed',
      progress: counts,
      result: { counts, ...report },
      createdAt: '2025-01-06T10:00:00.000Z',
      finishedAt: '2025-01-06T10:01:00.000Z',
      uploadKept: false,
    });
  });

  it('gives a failed import its reason: the record’s, else the queue’s, else that the job is lost', () => {
    const failedJob = job({ state: 'failed', failedReason: 'connection refused', attemptsMade: 3 });
    expect(
      importView(record({ outcome: 'failed', failedReason: 'OFSTED.NO_HEADER: empty' }), failedJob),
    ).toMatchObject({
      state: 'failed',
      failedReason: 'OFSTED.NO_HEADER: empty',
      attemptsMade: 3,
    });
    expect(importView(record(), failedJob).failedReason).toBe('connection refused');
    expect(importView(record(), null).failedReason).toBe(JOB_LOST);
  });

  it('shows no reason while a failed attempt waits for its retry', () => {
    const view = importView(
      record(),
      job({ state: 'delayed', failedReason: 'connection refused', attemptsMade: 1 }),
    );
    expect(view.state).toBe('waiting');
    expect(view.failedReason).toBeUndefined();
  });

  it('names the import a retry is of', () => {
    expect(importView(record({ retryOf: 'f-1' }), job()).retryOf).toBe('f-1');
  });
});
