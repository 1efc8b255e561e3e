import { deciderSpec } from '@placematch/kernel/testing';
import {
  ChildDetailsChanges,
  ChildDetailsUpdated,
  ChildRecorded,
  ChildErased,
  EraseChild,
  RecordChild,
  RecordWishesAndFeelings,
  UpdateChildDetails,
  WishesAndFeelingsRecorded,
  childDecider,
  childStream,
} from '@placematch/placements';
import { AT, TODAY, childDetails, childRecorded, command, event, ids } from '@placematch/placements/testing';

const { given } = deciderSpec(childDecider);

const record = (overrides: Partial<RecordChild['data']> = {}, at?: string) =>
  command<RecordChild>('RecordChild', { childId: ids.child, ...childDetails(), ...overrides }, { at });
const update = (changes: ChildDetailsChanges, at?: string) =>
  command<UpdateChildDetails>('UpdateChildDetails', changes, { at });
const coarse = { asOf: TODAY, ageMonths: 116, yearGroup: 5, homeSector: 'NE1 9', schoolSector: 'NE2 4' };
const updated = (data: Partial<ChildDetailsUpdated['data']>) =>
  event<ChildDetailsUpdated>('ChildDetailsUpdated', { childId: ids.child, coarse, ...data });
const wishes = { summary: 'Wants to live with her nan', recordedBy: 'worker-1', recordedOn: '2025-03-07' };
const recordWishes = (overrides: Partial<RecordWishesAndFeelings['data']> = {}) =>
  command<RecordWishesAndFeelings>('RecordWishesAndFeelings', { ...wishes, ...overrides });
const wishesRecorded = event<WishesAndFeelingsRecorded>('WishesAndFeelingsRecorded', {
  childId: ids.child,
  ...wishes,
});
const erase = (reason = 'Recorded in error') => command<EraseChild>('EraseChild', { reason });
const erased = event<ChildErased>('ChildErased', {
  childId: ids.child,
  reason: 'Recorded in error',
  erasedAt: AT,
});

describe('Child: recording', () => {
  it('records a child with the coarse values matching needs: age in months, year group and sectors', () => {
    given([]).when(record()).then([childRecorded()]);
  });

  it('names its stream child-<id>', () => {
    expect(childStream(ids.child)).toBe(`child-${ids.child}`);
  });

  it('normalises postcodes and trims names; no school means no school sector', () => {
    const { school: _school, ...noSchool } = childDetails();
    given([])
      .when(
        command<RecordChild>('RecordChild', {
          childId: ids.child,
          ...noSchool,
          name: { given: ' Test Child ', family: 'A ' },
          homePostcode: 'ne19zz',
        }),
      )
      .then([
        event<ChildRecorded>('ChildRecorded', {
          childId: ids.child,
          ...noSchool,
          coarse: { asOf: TODAY, ageMonths: 116, yearGroup: 5, homeSector: 'NE1 9' },
        }),
      ]);
  });

  it('M-18: derives the year group, so a Year 10 child is known as one', () => {
    const [recorded] = given([])
      .when(record({ dateOfBirth: '2010-08-31' }))
      .then([
        childRecorded({
          dateOfBirth: '2010-08-31',
          coarse: { ...coarse, ageMonths: 174, yearGroup: 10 },
        }),
      ]);
    expect(recorded.type).toBe('ChildRecorded');
  });

  it('does nothing when the same child is recorded again, even on another day', () => {
    given([childRecorded()]).when(record({}, '2025-04-01T09:00:00Z')).thenNothing();
  });

  it('refuses to record the child again with other details', () => {
    given([childRecorded()])
      .when(record({ name: { given: 'Test Child', family: 'B' } }))
      .thenThrows('CHILD.ALREADY_RECORDED');
  });

  it.each<[string, Partial<RecordChild['data']>]>([
    ['CHILD.INVALID_LOCAL_AUTHORITY', { localAuthority: 'E07000026' }],
    ['CHILD.NAME_REQUIRED', { name: { given: ' ', family: 'A' } }],
    ['CHILD.INVALID_DATE', { dateOfBirth: '2015-02-30' }],
    ['CHILD.BORN_IN_FUTURE', { dateOfBirth: '2025-03-11' }],
    ['CHILD.TOO_OLD', { dateOfBirth: '1999-03-10' }],
    ['CHILD.INVALID_POSTCODE', { homePostcode: 'NE1' }],
    ['CHILD.SCHOOL_NAME_REQUIRED', { school: { name: '', postcode: 'NE2 4ZZ' } }],
    ['CHILD.INVALID_SCHOOL_POSTCODE', { school: { name: 'Test Primary School', postcode: 'nowhere' } }],
    ['CHILD.UNKNOWN_GENDER', { gender: '9' as never }],
    ['CHILD.UNKNOWN_ETHNICITY', { ethnicity: 'MIXD' as never }],
    ['CHILD.UNKNOWN_RELIGION', { religion: 'pastafarian' as never }],
    ['CHILD.INVALID_LANGUAGE', { languages: ['English'] }],
    ['CHILD.DUPLICATE_VALUE', { languages: ['en', 'en'] }],
    ['CHILD.UNKNOWN_COMMUNICATION_METHOD', { communication: ['Semaphore' as never] }],
    ['CHILD.UNKNOWN_DISABILITY', { disabilities: ['XYZ' as never] }],
    ['CHILD.DISABILITY_NONE_NOT_ALONE', { disabilities: ['NONE', 'AUT'] }],
    ['CHILD.INVALID_HEALTH_NEED', { healthNeeds: [''] }],
    ['CHILD.UNKNOWN_LEGAL_STATUS', { legalStatus: 'C3' as never }],
    ['CHILD.UNKNOWN_CIN_CATEGORY', { cinCategory: 'N9' as never }],
    ['CHILD.INVALID_UASC', { uasc: 'yes' as never }],
  ])('refuses with %s', (code, overrides) => {
    given([]).when(record(overrides)).thenThrows(code);
  });

  it('accepts a child of 25 but not one of 26 (care leavers are supported to 25)', () => {
    given([])
      .when(record({ dateOfBirth: '1999-03-11' }))
      .then([
        childRecorded({ dateOfBirth: '1999-03-11', coarse: { ...coarse, ageMonths: 311, yearGroup: null } }),
      ]);
  });

  it('keeps dual heritage as its own code (M-28: identity, never a same-ethnicity rule)', () => {
    given([])
      .when(record({ ethnicity: 'MWBC' }))
      .then([childRecorded({ ethnicity: 'MWBC' })]);
  });
});

describe('Child: details', () => {
  it('records only what changed, with the coarse values recomputed', () => {
    given([childRecorded()])
      .when(update({ homePostcode: 'NE4 5ZZ', healthNeeds: ['Asthma: inhaler at school'] }))
      .then([updated({ homePostcode: 'NE4 5ZZ', coarse: { ...coarse, homeSector: 'NE4 5' } })]);
  });

  it('removes the school and the religion with null', () => {
    const { schoolSector: _s, ...noSchool } = coarse;
    given([childRecorded()])
      .when(update({ school: null, religion: null }))
      .then([updated({ school: null, religion: null, coarse: noSchool })]);
  });

  it('recomputes age and year group when the date of birth is corrected', () => {
    given([childRecorded()])
      .when(update({ dateOfBirth: '2014-08-31' }))
      .then([updated({ dateOfBirth: '2014-08-31', coarse: { ...coarse, ageMonths: 126, yearGroup: 6 } })]);
  });

  it('does nothing when nothing differs', () => {
    given([childRecorded()])
      .when(update({ gender: '2', languages: ['en'] }))
      .thenNothing();
  });

  it('refuses an update that names nothing', () => {
    given([childRecorded()]).when(update({})).thenThrows('CHILD.NOTHING_TO_CHANGE');
  });

  it('checks a changed field as recording does', () => {
    given([childRecorded()])
      .when(update({ disabilities: ['NONE', 'VIS'] }))
      .thenThrows('CHILD.DISABILITY_NONE_NOT_ALONE');
  });

  it('refuses a child that was never recorded', () => {
    given([])
      .when(update({ gender: '1' }))
      .thenThrows('CHILD.NOT_RECORDED');
  });

  it('folds the change into the state', () => {
    const state = given([childRecorded(), updated({ school: null, uasc: true })])
      .when(update({ uasc: true }))
      .state();
    expect(state.status === 'Recorded' && state.details.school).toBeUndefined();
    expect(state.status === 'Recorded' && state.details.uasc).toBe(true);
  });
});

describe('Child: wishes and feelings (M-01)', () => {
  it('M-01: records the child’s wishes and feelings, who recorded them and when', () => {
    given([childRecorded()]).when(recordWishes()).then([wishesRecorded]);
  });

  it('does nothing when the same record is sent again', () => {
    given([childRecorded(), wishesRecorded]).when(recordWishes()).thenNothing();
  });

  it.each<[string, Partial<RecordWishesAndFeelings['data']>]>([
    ['CHILD.WISHES_REQUIRED', { summary: '  ' }],
    ['CHILD.WISHES_RECORDED_BY_REQUIRED', { recordedBy: '' }],
    ['CHILD.INVALID_DATE', { recordedOn: '07/03/2025' }],
    ['CHILD.DATE_IN_FUTURE', { recordedOn: '2025-03-11' }],
  ])('M-01: refuses with %s', (code, overrides) => {
    given([childRecorded()]).when(recordWishes(overrides)).thenThrows(code);
  });
});

describe('Child: erasure', () => {
  it('marks the child erased', () => {
    given([childRecorded()]).when(erase()).then([erased]);
  });

  it('does nothing when erased again', () => {
    given([childRecorded(), erased]).when(erase()).thenNothing();
  });

  it('refuses erasure without a reason, and of a child never recorded', () => {
    given([childRecorded()]).when(erase(' ')).thenThrows('CHILD.REASON_REQUIRED');
    given([]).when(erase()).thenThrows('CHILD.NOT_RECORDED');
  });

  it('accepts nothing after erasure, not even recording the child again', () => {
    given([childRecorded(), erased])
      .when(update({ gender: '1' }))
      .thenThrows('CHILD.ERASED');
    given([childRecorded(), erased]).when(recordWishes()).thenThrows('CHILD.ERASED');
    given([childRecorded(), erased]).when(record()).thenThrows('CHILD.ERASED');
  });

  it('keeps nothing personal in the state of an erased child', () => {
    const state = given([childRecorded(), wishesRecorded, erased]).when(erase()).state();
    expect(state).toEqual({
      status: 'Erased',
      childId: ids.child,
      erasure: { reason: 'Recorded in error', erasedAt: AT },
    });
  });
});
