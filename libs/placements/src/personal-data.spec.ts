import { DomainEvent, fold } from '@placematch/kernel';
import {
  CHILD_PERSONAL_FIELDS,
  ChildDetailsUpdated,
  ChildPersonalFields,
  DecideMatch,
  MatchDecided,
  PlacementReviewed,
  PlacementsEventType,
  RiskAssessmentRecorded,
  UpdateChildDetails,
  WishesAndFeelingsRecorded,
  childDecider,
  requestDecider,
} from '@placematch/placements';
import {
  AT,
  approvalRequested,
  childRecorded,
  childRecordedFromReturn,
  command,
  event,
  ids,
  offeredHistory,
  placementStarted,
  siblingsRequested,
} from '@placematch/placements/testing';

type Step = string | number;

/** Every concrete path a pattern reaches in `data`, with the value there. */
const expand = (data: unknown, pattern: string): { path: Step[]; value: unknown }[] => {
  const found: { path: Step[]; value: unknown }[] = [];
  const visit = (node: unknown, segments: string[], path: Step[]) => {
    if (segments.length === 0) {
      if (node !== undefined) found.push({ path, value: node });
      return;
    }
    const [head, ...rest] = segments;
    if (head === '*') {
      if (Array.isArray(node)) node.forEach((el, i) => visit(el, rest, [...path, i]));
    } else if (node !== null && typeof node === 'object' && head in node) {
      visit((node as Record<string, unknown>)[head], rest, [...path, head]);
    }
  };
  visit(data, pattern.split('.'), []);
  return found;
};

/** `data` with every personal value replaced, as the encryption layer would leave it readable. */
const clearPart = (data: unknown, fields: ChildPersonalFields): unknown => {
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const pattern of fields.paths) {
    for (const { path } of expand(copy, pattern)) {
      let node: Record<string | number, unknown> = copy;
      for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
      node[path[path.length - 1]] = '<encrypted>';
    }
  }
  return copy;
};

// Every personal value of the fixtures: none may be readable in the clear part of any event.
const PERSONAL_TEXT = [
  'Test Child',
  '2015-06-15',
  'NE1 9ZZ',
  'NE2 4ZZ',
  'NE1 8ZZ',
  '2015-06-16',
  'He wanted to stay with his sister',
  'Test Primary School',
  'christian',
  'muslim',
  'Asthma',
  'Wants to stay near her school',
  'Attends church',
  'Would like to live with her brother',
  'Wants to see his sister',
  'She asked to stay near her school',
  'Settled; contact going well',
  '2025-01-02',
  'Wants to stay: likes her key worker',
  'Staffing concerns',
];

const child = fold(childDecider, [childRecorded()]);
const [updated] = childDecider.decide(
  command<UpdateChildDetails>('UpdateChildDetails', {
    name: { given: 'Test Child', family: 'C' },
    dateOfBirth: '2015-06-16',
    homePostcode: 'NE1 8ZZ',
    school: { name: 'Test Primary School 2', postcode: 'NE2 4ZZ' },
    ethnicity: 'MWAS',
    religion: 'muslim',
    languages: ['en', 'pl'],
    communication: ['Makaton'],
    disabilities: ['AUT'],
    healthNeeds: ['Asthma and eczema'],
  }),
  child,
) as ChildDetailsUpdated[];
const siblings = fold(requestDecider, offeredHistory(siblingsRequested()));
const decisionCommand = command<DecideMatch>('DecideMatch', {
  settingId: ids.setting,
  providerId: ids.provider,
  reasons: ['Room for both'],
  howChildViewsWereWeighed: [
    { childId: ids.child, how: 'She asked to stay near her school: it is close' },
    { childId: ids.sibling, how: 'He wanted to stay with his sister: they stay together' },
  ],
  guards: [],
});
const [decided] = requestDecider.decide(decisionCommand, siblings) as MatchDecided[];

/** One real event of each type that carries personal data, with every personal field filled in. */
const samples: Partial<Record<PlacementsEventType, DomainEvent>> = {
  ChildRecorded: childRecorded(),
  ChildDetailsUpdated: updated,
  WishesAndFeelingsRecorded: event<WishesAndFeelingsRecorded>('WishesAndFeelingsRecorded', {
    childId: ids.child,
    summary: 'Wants to stay near her school',
    recordedBy: 'worker-1',
    recordedOn: '2025-03-07',
  }),
  ChildRecordedFromReturn: childRecordedFromReturn({
    returnChildId: 'Test Child ref 9',
    upn: 'Test Child UPN',
    mother: true,
    motherChildDateOfBirth: '2025-01-02',
  }),
  PlacementRequested: siblingsRequested(),
  ApprovalRequested: approvalRequested('sibling-separation'),
  MatchDecided: decided,
  PlacementReviewed: event<PlacementReviewed>('PlacementReviewed', {
    placementId: ids.placement,
    childId: ids.child,
    reviewId: 'review-1' as never,
    kind: 'statutory',
    reviewedOn: '2025-03-07',
    summary: 'Settled; contact going well',
    recordedAt: AT,
  }),
  RiskAssessmentRecorded: event<RiskAssessmentRecorded>('RiskAssessmentRecorded', {
    placementId: ids.placement,
    childId: ids.child,
    taskId: ids.task,
    assessedOn: '2025-03-10',
    childWishes: 'Wants to stay: likes her key worker',
    assessment: 'Staffing concerns do not affect her care',
    outcome: 'placement-remains-appropriate',
    recordedAt: AT,
  }),
};

const personalTypes = (Object.keys(CHILD_PERSONAL_FIELDS) as PlacementsEventType[]).filter(
  (t) => CHILD_PERSONAL_FIELDS[t].paths.length > 0,
);

describe('CHILD_PERSONAL_FIELDS', () => {
  it('has a sample event for every type with personal data (so each path below is checked)', () => {
    expect(Object.keys(samples).sort()).toEqual([...personalTypes].sort());
  });

  it.each(personalTypes)('%s: every path reaches a value, and each value has a child id', (type) => {
    const fields = CHILD_PERSONAL_FIELDS[type] as { childIdPath: string; paths: readonly string[] };
    const data = (samples[type] as DomainEvent).data;
    const childIds = new Set<unknown>([ids.child, ids.sibling]);
    for (const pattern of fields.paths) {
      const values = expand(data, pattern);
      expect({ pattern, found: values.length > 0 }).toEqual({ pattern, found: true });
      for (const { path } of values) {
        // The child id is found by filling the child id path's `*`s with this value's array indexes.
        const indexes = path.filter((s): s is number => typeof s === 'number');
        let k = 0;
        const idPath = fields.childIdPath.split('.').map((s) => (s === '*' ? indexes[k++] : s));
        const id = idPath.reduce<unknown>((node, step) => (node as Record<Step, unknown>)?.[step], data);
        expect(childIds.has(id)).toBe(true);
      }
    }
  });

  it.each(personalTypes)('%s: a child id path with * uses it where the personal paths do', (type) => {
    const fields = CHILD_PERSONAL_FIELDS[type] as { childIdPath: string; paths: readonly string[] };
    const prefix = fields.childIdPath.slice(0, fields.childIdPath.lastIndexOf('*') + 1);
    for (const pattern of fields.paths) expect(pattern.startsWith(prefix)).toBe(true);
  });

  it.each(Object.entries(samples))('%s: leaves nothing personal readable', (type, sample) => {
    const clear = JSON.stringify(clearPart(sample.data, CHILD_PERSONAL_FIELDS[type as PlacementsEventType]));
    for (const text of PERSONAL_TEXT)
      expect({ text, found: clear.includes(text) }).toEqual({ text, found: false });
  });

  it('keeps SSDA903 codes (ethnicity, disability) in the clear, for statistics that survive erasure', () => {
    const clear = clearPart(updated.data, CHILD_PERSONAL_FIELDS.ChildDetailsUpdated) as Record<
      string,
      unknown
    >;
    expect(clear).toMatchObject({ ethnicity: 'MWAS', disabilities: ['AUT'] });
  });

  it('keeps the coarse values matching needs in the clear', () => {
    const clear = clearPart(childRecorded().data, CHILD_PERSONAL_FIELDS.ChildRecorded) as Record<
      string,
      unknown
    >;
    expect(clear.coarse).toEqual({
      asOf: '2025-03-10',
      ageMonths: 116,
      yearGroup: 5,
      homeSector: 'NE1 9',
      schoolSector: 'NE2 4',
    });
    expect(clear).toMatchObject({ gender: '2', legalStatus: 'C2', cinCategory: 'N1', uasc: false });
  });

  it('keeps the SSDA903 codes and the birth month of a child from a return in the clear', () => {
    const clear = clearPart(
      childRecordedFromReturn({ mother: true }).data,
      CHILD_PERSONAL_FIELDS.ChildRecordedFromReturn,
    );
    expect(clear).toEqual({
      childId: ids.child,
      localAuthority: 'E08000021',
      returnChildId: '<encrypted>',
      gender: '2',
      dateOfBirth: '<encrypted>',
      birthMonth: '2015-06',
      ethnicity: 'MWBA',
      upn: '<encrypted>',
      mother: '<encrypted>',
      motherChildDateOfBirth: '<encrypted>',
    });
  });

  it('puts no personal data in a placement start: postcodes are sectors only', () => {
    expect(CHILD_PERSONAL_FIELDS.PlacementStarted.paths).toEqual([]);
    const clear = JSON.stringify(placementStarted().data);
    for (const text of PERSONAL_TEXT) expect(clear.includes(text)).toBe(false);
  });
});
