import { deciderSpec } from '@placematch/kernel/testing';
import {
  ChildErased,
  ChildRecorded,
  EraseChild,
  RecordChild,
  RecordChildFromReturn,
  RecordWishesAndFeelings,
  ReturnHeader,
  UpdateChildDetails,
  childDecider,
} from '@placematch/placements';
import {
  AT,
  childDetails,
  childRecorded,
  childRecordedFromReturn,
  command,
  event,
  ids,
  returnHeader,
} from '@placematch/placements/testing';

const { given } = deciderSpec(childDecider);

const fromReturn = (overrides: Partial<ReturnHeader> = {}) =>
  command<RecordChildFromReturn>('RecordChildFromReturn', {
    childId: ids.child,
    ...returnHeader(overrides),
  });

describe('Child: recorded from an SSDA903 return (history import)', () => {
  it('records the Header row with the birth month in the clear beside it', () => {
    given([]).when(fromReturn()).then([childRecordedFromReturn()]);
  });

  it('does nothing when the same header is imported again', () => {
    given([childRecordedFromReturn()]).when(fromReturn()).thenNothing();
  });

  it('takes a later return that corrects the header', () => {
    given([childRecordedFromReturn()])
      .when(fromReturn({ ethnicity: 'MWBC', upn: 'A123456789012' }))
      .then([childRecordedFromReturn({ ethnicity: 'MWBC', upn: 'A123456789012' })]);
  });

  it('keeps a mother and her child’s date of birth', () => {
    given([])
      .when(fromReturn({ mother: true, motherChildDateOfBirth: '2024-11-30' }))
      .then([childRecordedFromReturn({ mother: true, motherChildDateOfBirth: '2024-11-30' })]);
  });

  it.each([
    ['CHILD.INVALID_LOCAL_AUTHORITY', { localAuthority: 'E07000001' }],
    ['CHILD.RETURN_ID_REQUIRED', { returnChildId: ' ' }],
    ['CHILD.UNKNOWN_GENDER', { gender: '9' as never }],
    ['CHILD.INVALID_DATE', { dateOfBirth: '2015-02-30' }],
    ['CHILD.BORN_IN_FUTURE', { dateOfBirth: '2025-03-11' }],
    ['CHILD.UNKNOWN_ETHNICITY', { ethnicity: 'XXXX' as never }],
    ['CHILD.INVALID_UPN', { upn: 'A1234567890123' }],
    ['CHILD.INVALID_MOTHER', { mother: 'yes' as never }],
    ['CHILD.INVALID_DATE', { motherChildDateOfBirth: '2014-01-01' }],
  ])('refuses %s', (code, overrides) => {
    given([])
      .when(fromReturn(overrides as Partial<ReturnHeader>))
      .thenThrows(code);
  });

  it('refuses the header of another authority for the same stream', () => {
    given([childRecordedFromReturn()])
      .when(fromReturn({ localAuthority: 'E08000022' }))
      .thenThrows('CHILD.ALREADY_RECORDED');
  });

  it('accepts a return that agrees with a child recorded in full, and refuses one that does not', () => {
    given([childRecorded()]).when(fromReturn()).thenNothing();
    given([childRecorded()])
      .when(fromReturn({ ethnicity: 'WBRI' }))
      .thenThrows('CHILD.ALREADY_RECORDED');
  });

  it('is completed by RecordChild, which keeps working as before', () => {
    given([childRecordedFromReturn()])
      .when(command<RecordChild>('RecordChild', { childId: ids.child, ...childDetails() }))
      .then([childRecorded()]);
  });

  it('refuses completion by another authority', () => {
    given([childRecordedFromReturn()])
      .when(
        command<RecordChild>('RecordChild', {
          childId: ids.child,
          ...childDetails({ localAuthority: 'E08000022' }),
        }),
      )
      .thenThrows('CHILD.ALREADY_RECORDED');
  });

  it('takes no changes, wishes or feelings until recorded in full', () => {
    given([childRecordedFromReturn()])
      .when(command<UpdateChildDetails>('UpdateChildDetails', { ethnicity: 'WBRI' }))
      .thenThrows('CHILD.ONLY_FROM_RETURN');
    given([childRecordedFromReturn()])
      .when(
        command<RecordWishesAndFeelings>('RecordWishesAndFeelings', {
          summary: 'Wants to stay',
          recordedBy: 'worker-1',
          recordedOn: '2025-03-07',
        }),
      )
      .thenThrows('CHILD.ONLY_FROM_RETURN');
  });

  it('is erased like any child, and then takes no return', () => {
    const erased = event<ChildErased>('ChildErased', {
      childId: ids.child,
      reason: 'Recorded in error',
      erasedAt: AT,
    });
    given([childRecordedFromReturn()])
      .when(command<EraseChild>('EraseChild', { reason: 'Recorded in error' }))
      .then([erased]);
    given([childRecordedFromReturn(), erased]).when(fromReturn()).thenThrows('CHILD.ERASED');
  });

  it('never lets a return replace a full record when folding', () => {
    const state = given([childRecorded(), childRecordedFromReturn({ ethnicity: 'WBRI' })])
      .when(fromReturn())
      .state();
    expect(state).toMatchObject({ status: 'Recorded', details: { ethnicity: 'MWBA' } });
    const full: ChildRecorded = childRecorded();
    expect(full.type).toBe('ChildRecorded');
  });
});
