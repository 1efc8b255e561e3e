// The whole app in process on PGlite for bench:matching: how fresh a search over HTTP is after a provider's
// change, and how many searches per second the HTTP API answers (autocannon in a worker thread).
//
// The app holds the same England-scale supply as the in-process run (its dates moved to today, so KEEP windows
// and vacancy dates mean the same): it starts from a snapshot of the matching index, the product's own restart
// path (SnapshotStore + the log after it). Replaying the ~420,000-event log from PGlite instead took about
// 175 s on this machine (measured once while building this bench), too long to repeat on every run.
// Settings registered through the provider API during the run go through the log as usual.
import autocannon from 'autocannon';
import type { AddressInfo } from 'node:net';
import { MatchingIndex } from '@app/matching';
import { mintDevToken } from '@placematch/auth';
import { START } from '@placematch/event-store';
import { NeedProfile, SpatialIndex, SupplyView } from '@placematch/matching';
import { londonDate } from '@placematch/supply';
import { SnapshotStore } from '../../../apps/matching/src/snapshot.store';
import { AppHarness, startApp } from '../../support/app-harness';
import type { GeneratedNeed, LogEvent, Region } from './generator';
import { addDays } from './generator';

/** The name MatchingIndex saves its snapshot under (apps/matching/src/matching-index.service.ts). */
const INDEX_SNAPSHOT = 'matching-index';

/** The app's starting state: a snapshot of the whole supply, its dates moved to today. */
export interface PreparedIndex {
  snapshotJson: string;
  settings: number;
  /** Heap of a view + spatial index of the whole supply, built with nothing else holding its strings. */
  fullIndexMb: number | null;
}

export interface AppOptions {
  region: Region;
  prepared: PreparedIndex;
  needs: GeneratedNeed[];
  settingsViaApi: number;
  changes: number;
  seconds: number;
  connections: number;
}

export interface AppFigures {
  snapshotMs: number;
  restartMs: number;
  settingsInIndex: number;
  registerMs: number;
  registered: number;
  /** Per change: from sending the provider's request to the first search response that shows it. */
  freshness: number[];
  /** Per change: the provider API's response time. */
  writeMs: number[];
  /** Changes whose first search after the write's response did not show it (read-your-writes broken). */
  staleReads: number;
  /** In process on the app's own index, same needs: ms per search, and `MatchingIndex.fresh()` alone. */
  inProcessMs: number[];
  freshMs: number[];
  /** The first 300 needs over HTTP one at a time (ms each, client side). */
  sequentialMs: number[];
  http: {
    searchesPerS: number;
    p50: number;
    p99: number;
    non2xx: number;
    errors: number;
    requests: number;
    connections: number;
    seconds: number;
  };
}

const ISO = /^(\d{4}-\d{2}-\d{2})(.*)$/s;

/** Moves every date and instant in a JSON value by `days` days, in place. */
const shiftDates = (value: unknown, days: number): unknown => {
  if (typeof value === 'string') {
    const m = ISO.exec(value);
    return m ? `${addDays(m[1], days)}${m[2]}` : value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = shiftDates(value[i], days);
    return value;
  }
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = shiftDates(o[k], days);
    return o;
  }
  return value;
};

const heapMb = (gc: () => void): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1_048_576;
};

/** The search body the HTTP API takes for a generated need. */
export const searchBody = (g: GeneratedNeed, limit: number) => {
  const { homeGrid: _h, schoolGrid: _s, ...need } = g.need;
  return {
    ...need,
    homePostcode: g.homePostcode,
    ...(g.schoolPostcode ? { schoolPostcode: g.schoolPostcode } : {}),
    limit,
  };
};

/**
 * Moves the log's dates to today (in place), folds it into a view for the app's snapshot, then drops the log
 * (`release` must drop the caller's references) and measures the heap of that view and its index alone.
 */
export const prepareIndex = (
  events: LogEvent[],
  dataToday: string,
  release: () => void,
  gc: () => void,
): PreparedIndex => {
  const today = londonDate(new Date());
  const shift = Math.round((Date.parse(today) - Date.parse(dataToday)) / 86_400_000);
  for (const e of events) {
    e.data = shiftDates(e.data, shift);
    e.recordedAt = shiftDates(e.recordedAt, shift) as string;
  }
  // The full footprint of a view and its index: built, the log dropped (so nothing else holds its strings),
  // measured, then dropped; the snapshot is kept as text in between so it is in both measures.
  let view: SupplyView | null = new SupplyView().applyAll(events);
  let index: SpatialIndex | null = SpatialIndex.forView(view);
  const settings = view.size;
  const snapshotJson = JSON.stringify(view.snapshot());
  release();
  events.length = 0;
  const canGc = typeof global.gc === 'function';
  const withIndex = canGc ? heapMb(gc) : 0;
  index.detach();
  index = null;
  view = null;
  return { snapshotJson, settings, fullIndexMb: canGc ? withIndex - heapMb(gc) : null };
};

/** Runs the app phase; closes the app and removes its data folder before returning. */
export const runApp = async (o: AppOptions): Promise<AppFigures> => {
  const today = londonDate(new Date());
  const { snapshotJson, settings: settingsInView } = o.prepared;

  // First start: an empty log; save the snapshot through the app's own store, then restart from it.
  let h: AppHarness = await startApp('pglite');
  try {
    let started = performance.now();
    await h.app.get(SnapshotStore).save(INDEX_SNAPSHOT, {
      position: START,
      state: { view: JSON.parse(snapshotJson) as unknown, policies: [] },
      takenAt: new Date().toISOString(),
    });
    const snapshotMs = performance.now() - started;
    started = performance.now();
    h = await h.restart();
    const restartMs = performance.now() - started;
    const matching = h.app.get(MatchingIndex);
    const status = matching.status();
    if (status.startedFrom !== 'snapshot' || status.settings !== settingsInView) {
      throw new Error(`the app did not start from the snapshot: ${JSON.stringify(status)}`);
    }
    await h.app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(h.http.address() as AddressInfo).port}`;
    const secret = h.config.auth.jwtSecret as string;
    const operator = await mintDevToken(secret, { sub: 'bench-operator', role: 'operator' });
    const officers = new Map<string, string>();
    for (const la of o.region.authorities) {
      officers.set(
        la,
        await mintDevToken(secret, { sub: `bench-officer-${la}`, role: 'placement-officer', la }),
      );
    }
    const call = async (
      method: string,
      path: string,
      body: unknown,
      auth: { bearer?: string; key?: string },
    ): Promise<{ status: number; body: Record<string, unknown> }> => {
      const send = () =>
        fetch(`${base}${path}`, {
          method,
          headers: {
            'content-type': 'application/json',
            ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
            ...(auth.key ? { 'x-api-key': auth.key } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      // A search is a read: retried once if a kept-alive socket the server had just closed fails before any answer.
      const res = await send().catch((e: unknown) => {
        if (path === '/api/matching/search') return send();
        throw e;
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    };

    // Settings through the provider API, all in one district, each with a combination of adaptations no
    // generated setting has, so that a search needing them sees only these and a change is easy to observe.
    const district = o.region.districts[Math.floor(o.region.districts.length / 2)];
    const adaptations = ['sensory-adaptations', 'hoist', 'adapted-vehicle'];
    started = performance.now();
    const keys: string[] = [];
    for (let p = 0; p < 3; p += 1) {
      const provider = await call(
        'POST',
        '/api/providers',
        {
          name: `Synthetic bench agency ${p}`,
          ofstedUrn: `SC99${String(8000 + p)}`,
          providerCode: 'PR4',
          hostLocalAuthority: district.la,
          providerType: 'independent-fostering-agency',
        },
        { bearer: operator },
      );
      const key = await call(
        'POST',
        `/api/providers/${String(provider.body.providerId)}/api-keys`,
        { label: 'bench' },
        { bearer: operator },
      );
      keys.push(String(key.body.key));
    }
    const settings: { id: string; key: string; vacancy: string | null }[] = [];
    for (let i = 0; i < o.settingsViaApi; i += 1) {
      const key = keys[i % keys.length];
      const registered = await call(
        'POST',
        '/api/settings',
        {
          name: `Synthetic bench household ${i}`,
          placementTypes: ['U4', 'U6'],
          postcode: `${district.outcode} ${1 + (i % 9)}AB`,
          hostLocalAuthority: district.la,
        },
        { key },
      );
      const id = String(registered.body.settingId);
      await call(
        'PUT',
        `/api/settings/${id}/approval-terms`,
        {
          ageRange: { minYears: 0, maxYears: 17 },
          maxChildren: 3,
          maxFromOneSiblingGroup: 3,
          purposes: ['emergency', 'short-term', 'long-term'],
          disabilitySpecialisms: ['MOB'],
          specialisms: [],
          adaptations,
          manageableRisks: [],
        },
        { key },
      );
      await call(
        'PUT',
        `/api/settings/${id}/household-profile`,
        {
          languages: ['en'],
          communicationMethods: [],
          religionsPractised: [],
          carerEthnicities: ['WBRI'],
          otherChildren: [],
          pets: [],
          smoking: 'non-smoking',
        },
        { key },
      );
      settings.push({ id, key, vacancy: null });
    }
    const openVacancy = async (s: (typeof settings)[number]) => {
      const res = await call(
        'POST',
        `/api/settings/${s.id}/vacancies`,
        { places: 1, availableFrom: today },
        { key: s.key },
      );
      const vacancies = res.body.vacancies as { vacancyId: string; status: string }[];
      s.vacancy = vacancies.filter((v) => v.status === 'open').at(-1)?.vacancyId ?? null;
    };
    const closeVacancy = async (s: (typeof settings)[number]) => {
      await call(
        'POST',
        `/api/settings/${s.id}/vacancies/${s.vacancy}/close`,
        { reason: 'bench' },
        { key: s.key },
      );
      s.vacancy = null;
    };
    for (let i = 0; i < settings.length; i += 2) await openVacancy(settings[i]);
    const registerMs = performance.now() - started;

    // Freshness: open or close a vacancy, then search over HTTP until the result shows it.
    const freshnessNeed = {
      children: [
        {
          ref: 'child-1',
          ageMonths: 9 * 12,
          yearGroup: 5,
          disabilities: ['MOB'],
          adaptations,
          languages: ['en'],
          communication: [],
          culturalNeeds: [],
          uasc: false,
          risks: [],
          livesAlongside: 'any',
          cannotLiveWithPets: false,
          healthNeeds: [],
        },
      ],
      homePostcode: `${district.outcode} 5XY`,
      homeLocalAuthority: district.la,
      purpose: 'short-term',
      urgency: 'today',
      emergency: false,
      suitability: { foster: true, residential: false, supported: false },
      secureCriteriaMet: false,
      limit: 200,
    };
    const officer = officers.get(district.la) as string;
    const shows = async (settingId: string): Promise<boolean> => {
      const res = await call('POST', '/api/matching/search', freshnessNeed, { bearer: officer });
      return (res.body.results as { settingId: string }[]).some((r) => r.settingId === settingId);
    };
    const freshness: number[] = [];
    const writeMs: number[] = [];
    let staleReads = 0;
    for (let k = 0; k < o.changes; k += 1) {
      const s = settings[(k * 7) % settings.length];
      const opening = s.vacancy === null;
      const t0 = performance.now();
      await (opening ? openVacancy(s) : closeVacancy(s));
      writeMs.push(performance.now() - t0);
      let polls = 0;
      for (;;) {
        polls += 1;
        if ((await shows(s.id)) === opening) break;
        if (performance.now() - t0 > 10_000) throw new Error('a change did not show in a search within 10 s');
      }
      if (polls > 1) staleReads += 1;
      freshness.push(performance.now() - t0);
    }

    // One request at a time over HTTP: what the HTTP stack and the wait for the log add to a search.
    const sequentialMs: number[] = [];
    for (const g of o.needs.slice(0, 300)) {
      const t = performance.now();
      await call('POST', '/api/matching/search', searchBody(g, 10), {
        bearer: officers.get(g.need.homeLocalAuthority) as string,
      });
      sequentialMs.push(performance.now() - t);
    }

    // In process on the app's own index (same needs, no HTTP, no wait for the log): the baseline.
    const needs: NeedProfile[] = o.needs.map((g) => g.need);
    for (const need of needs.slice(0, 200)) matching.search(need, undefined, 10);
    const inProcessMs: number[] = [];
    for (const need of needs) {
      const t = performance.now();
      matching.search(need, undefined, 10);
      inProcessMs.push(performance.now() - t);
    }
    // What read-your-writes costs on its own: one wait for the index to catch up with the log (a PGlite read).
    const freshMs: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const t = performance.now();
      await matching.fresh();
      freshMs.push(performance.now() - t);
    }

    // Throughput over HTTP: autocannon in a worker thread (its own event loop), cycling through the needs.
    const requests = o.needs.map((g) => ({
      method: 'POST',
      path: '/api/matching/search',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${officers.get(g.need.homeLocalAuthority) as string}`,
      },
      body: JSON.stringify(searchBody(g, 10)),
    }));
    const result = await autocannon({
      url: base,
      connections: o.connections,
      duration: o.seconds,
      workers: 1,
      requests,
    });
    const ok = result['2xx'];
    return {
      snapshotMs,
      restartMs,
      settingsInIndex: status.settings,
      registerMs,
      registered: settings.length,
      freshness,
      writeMs,
      staleReads,
      inProcessMs,
      freshMs,
      sequentialMs,
      http: {
        searchesPerS: ok / result.duration,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
        requests: ok,
        connections: o.connections,
        seconds: result.duration,
      },
    };
  } finally {
    await h.close();
  }
};
