import { fold } from '@placematch/kernel';
import type { SearchResult } from '@placematch/matching';
import { Child, childDecider, requestDecider, RequestEvent, RequestRecord } from '@placematch/placements';
import {
  childRecorded,
  ids,
  placementRequested,
  requestedChild,
  risks,
  searchRun,
  siblingsRequested,
  TODAY,
  topEntry,
} from '@placematch/placements/testing';
import { guardsForDecision, needProfileFor, searchSummary } from './need-profile';

const recorded = (overrides: Parameters<typeof childRecorded>[0] = {}) =>
  fold(childDecider, [childRecorded(overrides)]) as Extract<Child, { status: 'Recorded' }>;
const request = (...events: RequestEvent[]) => fold(requestDecider, events) as RequestRecord;
const choices = { today: TODAY, secureCriteriaMet: false, keepSiblingsTogether: true };

describe('the need profile of a request (coarse values only)', () => {
  it('takes ages, year groups and codes from the child, Placements Standard answers from the request', () => {
    const need = needProfileFor(
      request(
        placementRequested({
          children: [
            requestedChild({
              risks: risks({ 'child.going-missing': 'high', 'others.fire-setting': 'low' }),
              pets: 'no',
              communication: { needs: 'yes', requirements: ['BSL', 'ESOL'] },
            }),
          ],
        }),
      ),
      new Map([[ids.child, recorded()]]),
      choices,
    );
    expect(need).toMatchObject({
      homeLocalAuthority: 'E08000021',
      homeGrid: { easting: 424_000, northing: 564_000 },
      schoolGrid: { easting: 425_000, northing: 565_000 },
      purpose: 'short-term',
      urgency: 'under-5-days',
      emergency: false,
      suitability: { foster: true, residential: true, supported: false },
      secureCriteriaMet: false,
      keepSiblingsTogether: true,
    });
    expect(need.children).toEqual([
      {
        ref: ids.child,
        ageMonths: 116,
        yearGroup: 5,
        disabilities: ['NONE'],
        adaptations: [],
        languages: ['en'],
        communication: ['BSL'],
        religion: 'christian',
        culturalNeeds: ['cultural-need-1'],
        uasc: false,
        risks: ['child.going-missing', 'others.fire-setting'],
        livesAlongside: 'any',
        cannotLiveWithPets: true,
        healthNeeds: ['health-need-1'],
      },
    ]);
  });

  it('never passes a name, a date of birth, a postcode or words to matching', () => {
    const need = needProfileFor(request(placementRequested()), new Map([[ids.child, recorded()]]), choices);
    const text = JSON.stringify(need);
    for (const personal of ['Test Child', '2015-06-15', 'NE1 9ZZ', 'Asthma', 'church', 'Wants to stay']) {
      expect(text).not.toContain(personal);
    }
  });

  it('M-09: searches a sibling group for the kinds of placement every child allows', () => {
    const need = needProfileFor(
      request(
        siblingsRequested({
          children: [
            requestedChild(),
            requestedChild({
              childId: ids.sibling,
              school: undefined,
              suitability: {
                foster: 'suitable',
                residential: 'unsuitable',
                supportedAccommodation: 'unsuitable',
              },
            }),
          ],
        }),
      ),
      new Map([
        [ids.child, recorded()],
        [ids.sibling, recorded({ childId: ids.sibling })],
      ]),
      choices,
    );
    expect(need.children.map((c) => c.ref)).toEqual([ids.child, ids.sibling]);
    expect(need.suitability).toEqual({ foster: true, residential: false, supported: false });
  });

  it('M-18: takes the school of a child in Year 10 or 11 before the others’', () => {
    const ks4School = { postcodeSector: 'NE6 5', gridReference: { easting: 430_000, northing: 566_000 } };
    const need = needProfileFor(
      request(
        siblingsRequested({
          children: [requestedChild(), requestedChild({ childId: ids.sibling, school: ks4School })],
        }),
      ),
      new Map([
        [ids.child, recorded()],
        [ids.sibling, recorded({ childId: ids.sibling, dateOfBirth: '2009-10-01' })],
      ]),
      choices,
    );
    expect(need.children[1].yearGroup).toBe(10);
    expect(need.schoolGrid).toEqual(ks4School.gridReference);
  });
});

const match = (settingId: string, total: number, guards: string[]) => ({
  settingId,
  providerId: ids.provider,
  total,
  factors: [],
  guards: guards.map((guard) => ({ guard, approval: '' })),
  distanceFromHomeMiles: 1,
  distanceFromSchoolMiles: null,
  inAuthority: true,
});

describe('the summary a recorded search keeps', () => {
  it('lists whole-group matches in rank order, then each split setting once, flagged', () => {
    const result = {
      policyVersion: 'placematch-default@1',
      asOf: TODAY,
      results: [match(ids.setting, 0.8, [])],
      splits: [
        {
          parts: [
            { childRefs: [ids.child], match: match(ids.setting, 0.7, ['sibling-separation']) },
            { childRefs: [ids.sibling], match: match(ids.otherSetting, 0.6, ['sibling-separation']) },
          ],
        },
        {
          parts: [{ childRefs: [ids.sibling], match: match(ids.otherSetting, 0.5, ['sibling-separation']) }],
        },
      ],
      excluded: {},
      considered: 3,
    } as unknown as SearchResult;
    expect(searchSummary(result)).toEqual({
      resultCount: 2,
      top: [
        { settingId: ids.setting, providerId: ids.provider, score: 0.8, guards: [] },
        { settingId: ids.otherSetting, providerId: ids.provider, score: 0.6, guards: ['sibling-separation'] },
      ],
    });
  });
});

describe('the guards a decision relies on', () => {
  it('takes them from the latest recorded search that listed the setting', () => {
    const state = request(
      placementRequested(),
      searchRun(),
      searchRun({ searchId: ids.otherSearch, top: [topEntry({ guards: ['school-move-year-10-11'] })] }),
    );
    expect(guardsForDecision(state, ids.setting, 'E08000021')).toEqual(['school-move-year-10-11']);
    expect(guardsForDecision(state, ids.otherSetting, 'E08000021')).toEqual(['out-of-authority']);
  });

  it('M-11: adds out-of-authority whenever the setting is across the boundary, whatever the search said', () => {
    const state = request(placementRequested(), searchRun());
    expect(guardsForDecision(state, ids.setting, 'E06000002')).toEqual(['out-of-authority']);
    expect(guardsForDecision(state, ids.thirdSetting, undefined)).toEqual([]);
  });
});
