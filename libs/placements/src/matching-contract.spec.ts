// What the matching engine reads of placements events, checked against matching itself: the vocabularies both
// use (guards, urgencies, "cared for alongside") and the fields of PlacementStarted, StressReportFiled and
// PlacementEnded that its supply view folds.
import { fold } from '@placematch/kernel';
import {
  GUARDS as MATCHING_GUARDS,
  LIVES_ALONGSIDE as MATCHING_LIVES_ALONGSIDE,
  PlacementStartedData,
  StressReportFiledData,
  SupplyView,
  URGENCIES as MATCHING_URGENCIES,
  isKeyStage4 as matchingIsKeyStage4,
} from '@placematch/matching';
import { DEFAULT_BEHAVIOUR_CHECKLIST, settingStream } from '@placematch/supply';
import { settingRegistered } from '@placematch/supply/testing';
import {
  EndPlacement,
  FileStressReport,
  GUARDS,
  LIVES_ALONGSIDE,
  PlacementEvent,
  StressReportId,
  URGENCIES,
  isKeyStage4,
  placementDecider,
  placementStream,
} from '@placematch/placements';
import { AT, command, ids, placementStarted } from '@placematch/placements/testing';

describe('Contract with matching', () => {
  it('offers matching\'s own guard codes (M-09, M-11, M-12, M-18, M-35), urgencies, "cared for alongside" answers and Key Stage 4 rule (M-18), not copies', () => {
    expect(GUARDS).toBe(MATCHING_GUARDS);
    expect(URGENCIES).toBe(MATCHING_URGENCIES);
    expect(LIVES_ALONGSIDE).toBe(MATCHING_LIVES_ALONGSIDE);
    expect(isKeyStage4).toBe(matchingIsKeyStage4);
  });

  it("gives matching's supply view a placement, its stress days and its breakdown", () => {
    const started = placementStarted();
    const stressful = DEFAULT_BEHAVIOUR_CHECKLIST.items.slice(0, 7).map((i) => ({
      item: i.code,
      outcome: 'happened-and-stressful' as const,
    }));
    const filed = placementDecider.decide(
      command<FileStressReport>('FileStressReport', {
        reportId: 'report-1' as StressReportId,
        report: {
          checklistId: DEFAULT_BEHAVIOUR_CHECKLIST.id,
          days: [
            { day: '2025-03-05', behaviours: stressful },
            { day: '2025-03-06', behaviours: [] },
          ],
        },
        supportTaskId: ids.task,
      }),
      fold(placementDecider, [started]),
    );
    const ended = placementDecider.decide(
      command<EndPlacement>('EndPlacement', {
        endedOn: '2025-03-09',
        rec: 'X1',
        reasonPlaceChange: 'CREQB',
        disrupted: true,
      }),
      fold(placementDecider, [started, ...filed]),
    );

    // Compile-time: the data matching types as what it reads is what placements writes.
    const startedData: PlacementStartedData = started.data;
    const filedData: StressReportFiledData = (
      filed[0] as Extract<PlacementEvent, { type: 'StressReportFiled' }>
    ).data;
    expect(startedData.childAgeMonths).toBe(116);
    expect(filedData.days.map((d) => d.stressful.length)).toEqual([7, 0]);

    const view = new SupplyView();
    const recorded = (e: { type: string; data: unknown }, streamId: string) => ({
      ...e,
      streamId,
      recordedAt: AT,
    });
    view.apply(
      recorded(
        settingRegistered({ settingId: ids.setting, providerId: ids.provider }),
        settingStream(ids.setting),
      ),
    );
    view.apply(recorded(started, placementStream(ids.placement)));
    expect(view.setting(ids.setting)?.placedChildren).toBe(1);
    for (const e of filed) view.apply(recorded(e, placementStream(ids.placement)));
    expect(view.setting(ids.setting)?.stressDaysRecorded).toBeGreaterThan(0);
    for (const e of ended) view.apply(recorded(e, placementStream(ids.placement)));
    expect(view.setting(ids.setting)?.placedChildren).toBe(0);
    expect(view.setting(ids.setting)?.disruptions).toBe(1);
  });
});
