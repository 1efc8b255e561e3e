import type { AggregateType } from '@placematch/runtime';
import {
  carerDecider,
  CarerId,
  carerStream,
  providerDecider,
  ProviderId,
  providerStream,
  settingDecider,
  SettingId,
  settingStream,
} from '@placematch/supply';

/** The supply context's aggregates, for the command pipeline. */
export const SUPPLY_AGGREGATES = [
  { name: 'provider', stream: (id: string) => providerStream(id as ProviderId), decider: providerDecider },
  { name: 'setting', stream: (id: string) => settingStream(id as SettingId), decider: settingDecider },
  { name: 'carer', stream: (id: string) => carerStream(id as CarerId), decider: carerDecider },
] as unknown as AggregateType[];
