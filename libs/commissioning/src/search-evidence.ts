import type { SearchRun } from '@placematch/placements';

/** One eligible setting a search listed, as gaps need it. */
export interface ListedSetting {
  settingId: string;
  /** DfE straight-line miles from the child's home as the search measured them (coarse locations); `null` if not given. */
  distanceMiles: number | null;
  /** The setting is inside the child's authority. */
  inAuthority: boolean;
}

/** What a `SearchRun` says about eligible supply at the time: how many matched, and the ones it listed. */
export interface SearchEvidence {
  searchId: string;
  /** How many matches the search returned. */
  resultCount: number;
  /** The settings it listed (matching returns the best `limit` of them, not every eligible one). */
  results: ListedSetting[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads the evidence of a `SearchRun`. The `results` JSON is what the matching engine returned (opaque to the
 * placements context); when it is matching's `SearchResult` (`results[]` with `settingId`,
 * `distanceFromHomeMiles` and `inAuthority`), those are used. Otherwise the run's `top` summary is, where a
 * setting is in the authority unless it carries the `out-of-authority` guard, and its distance is not known.
 */
export const searchEvidence = (data: SearchRun['data']): SearchEvidence => {
  const listed: ListedSetting[] = [];
  const raw = isRecord(data.results) ? data.results.results : undefined;
  if (Array.isArray(raw)) {
    for (const m of raw) {
      if (!isRecord(m) || typeof m.settingId !== 'string' || typeof m.inAuthority !== 'boolean') continue;
      const miles = m.distanceFromHomeMiles;
      listed.push({
        settingId: m.settingId,
        distanceMiles: typeof miles === 'number' && Number.isFinite(miles) ? miles : null,
        inAuthority: m.inAuthority,
      });
    }
  }
  const known = new Set(listed.map((l) => l.settingId));
  for (const t of data.top ?? []) {
    if (known.has(t.settingId)) continue;
    listed.push({
      settingId: t.settingId,
      distanceMiles: null,
      inAuthority: !t.guards.includes('out-of-authority'),
    });
  }
  return {
    searchId: data.searchId,
    resultCount: Math.max(data.resultCount, listed.length),
    results: listed,
  };
};
