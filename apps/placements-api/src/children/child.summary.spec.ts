import { ERASED } from '@placematch/privacy';
import type {
  ChildDetailsUpdated,
  ChildErased,
  ChildEvent,
  WishesAndFeelingsRecorded,
} from '@placematch/placements';
import { AT, childRecorded, event, ids } from '@placematch/placements/testing';
import { ChildSummary, evolveChildSummary } from './child.summary';

const summarise = (events: ChildEvent[]) => events.reduce<ChildSummary | null>(evolveChildSummary, null);

describe('the children read model’s summary', () => {
  const wishes = event<WishesAndFeelingsRecorded>('WishesAndFeelingsRecorded', {
    childId: ids.child,
    summary: 'Wants to stay near school',
    recordedBy: 'worker-1',
    recordedOn: '2025-03-07',
  });
  const updated = event<ChildDetailsUpdated>('ChildDetailsUpdated', {
    childId: ids.child,
    legalStatus: 'C1',
    name: { given: 'Renamed', family: 'Child' },
    coarse: { asOf: '2025-03-10', ageMonths: 116, yearGroup: 5, homeSector: 'NE1 9' },
  });

  it('keeps codes, coarse values and counts, and no personal field', () => {
    const s = summarise([childRecorded(), wishes, updated]);
    expect(s).toEqual({
      childId: ids.child,
      localAuthority: 'E08000021',
      status: 'Recorded',
      gender: '2',
      ethnicity: 'MWBA',
      legalStatus: 'C1',
      cinCategory: 'N1',
      uasc: false,
      disabilities: ['NONE'],
      coarse: { asOf: '2025-03-10', ageMonths: 116, yearGroup: 5, homeSector: 'NE1 9' },
      wishesRecorded: 1,
      erasedAt: null,
    });
    expect(JSON.stringify(s)).not.toMatch(/Test Child|Renamed|NE1 9ZZ|2015-06-15|Asthma|school/i);
  });

  it('marks an erasure, and folds erased markers as it folds the values they replaced', () => {
    const erasedEvent = event<ChildErased>('ChildErased', { childId: ids.child, reason: 'x', erasedAt: AT });
    const recorded = childRecorded();
    const shredded = { ...recorded, data: { ...recorded.data, name: ERASED, homePostcode: ERASED } } as never;
    expect(summarise([shredded, erasedEvent])).toEqual(summarise([recorded, erasedEvent]));
    expect(summarise([recorded, erasedEvent])).toMatchObject({ status: 'Erased', erasedAt: AT, gender: '2' });
  });
});
