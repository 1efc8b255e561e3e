import { randomBytes } from 'node:crypto';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Geocoder } from '@placematch/geo';
import { fold } from '@placematch/kernel';
import {
  childDecider,
  RequestRecord,
  requestDecider,
  RequestEvent,
  MatchDecided,
} from '@placematch/placements';
import { AT, childRecorded, event, ids, offeredHistory } from '@placematch/placements/testing';
import { CommandContext, ExecuteCommand, LoadAggregate, RuntimeOptions } from '@placematch/runtime';
import { providerDecider, settingDecider } from '@placematch/supply';
import {
  providerRegistered,
  settingRegistered,
  approvalTermsSet,
  vacancyOpened,
} from '@placematch/supply/testing';
import { ChildRecords } from '../children/child-records';
import { PlacementIds } from '../shared/ids';
import { StartPlacementCommand, StartPlacementHandler } from './start-placement.handler';

const decided = event<MatchDecided>('MatchDecided', {
  settingId: ids.setting,
  providerId: ids.provider,
  childIds: [ids.child],
  reasons: ['Near school'],
  howChildViewsWereWeighed: [{ childId: ids.child, how: 'She agreed' }],
  guards: [],
  approvalIds: [],
  referralId: ids.referral,
  emergency: false,
  decidedAt: AT,
});

/** A handler whose buses answer from fixtures, and whose placement start fails with `failure`. */
const handlerFailingWith = (failure: Error) => {
  const sent: ExecuteCommand[] = [];
  const commands = {
    execute: async (c: ExecuteCommand) => {
      sent.push(c);
      if (c.aggregate === 'placement') throw failure;
      return { events: [{ type: 'VacancyFilled' }], state: null, revision: 1 };
    },
  } as unknown as CommandBus;
  const setting = fold(settingDecider, [
    settingRegistered({ settingId: ids.setting, providerId: ids.provider }),
    approvalTermsSet(),
    vacancyOpened({ availableFrom: '2025-03-01' }),
  ] as never);
  const provider = fold(providerDecider, [providerRegistered({ providerId: ids.provider })] as never);
  const queries = {
    execute: async (q: LoadAggregate) => ({
      state:
        q.aggregate === 'setting'
          ? setting
          : q.aggregate === 'provider'
            ? provider
            : { status: 'NotStarted' },
      revision: 0,
    }),
  } as unknown as QueryBus;
  const children = {
    load: async () => ({ state: fold(childDecider, [childRecorded()]), record: null, revision: 0 }),
  } as unknown as ChildRecords;
  const geocoder: Geocoder = {
    locate: async (postcode) => ({
      postcode,
      outcode: 'NE1',
      sector: 'NE1 9',
      grid: { easting: 424_000, northing: 564_000 },
      precision: 'district',
    }),
  };
  const context = {
    now: () => new Date(AT),
    newId: () => ids.task,
    metadata: () => ({}),
  } as unknown as CommandContext;
  const placementIds = new PlacementIds(context, {
    privacyMasterKey: randomBytes(32).toString('base64'),
  } as RuntimeOptions);
  return {
    sent,
    handler: new StartPlacementHandler(geocoder, commands, queries, context, children, placementIds),
  };
};

describe('starting a placement', () => {
  const request = fold(requestDecider, [...offeredHistory(), decided] as RequestEvent[]) as RequestRecord;
  const start = new StartPlacementCommand(
    { requestId: ids.request, childId: ids.child, startedOn: '2025-03-10', reasonNewEpisode: 'P' },
    request,
    { id: 'officer', role: 'placement-officer' },
  );

  it('fills a vacancy first, and gives the place back when the start then fails (compensation)', async () => {
    const { sent, handler } = handlerFailingWith(new Error('the store went away'));
    await expect(handler.execute(start)).rejects.toThrow('the store went away');
    expect(sent.map((c) => [c.aggregate, (c.command as { type: string }).type])).toEqual([
      ['setting', 'FillVacancy'],
      ['placement', 'StartPlacement'],
      ['setting', 'ReleasePlace'],
    ]);
    const [fill, , release] = sent.map((c) => c.command as { data: { placementId: string } });
    expect(release.data.placementId).toBe(fill.data.placementId);
  });

  it('takes no place for a start the decider would refuse', async () => {
    const { sent, handler } = handlerFailingWith(new Error('not reached'));
    const future = new StartPlacementCommand(
      { ...start.input, startedOn: '2025-04-01' },
      request,
      start.actor,
    );
    await expect(handler.execute(future)).rejects.toMatchObject({ code: 'PLACEMENT.START_IN_FUTURE' });
    expect(sent).toEqual([]);
  });
});
