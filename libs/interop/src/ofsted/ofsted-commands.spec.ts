import { fold, isUuid } from '@placematch/kernel';
import type { Location } from '@placematch/geo';
import { providerDecider, settingDecider } from '@placematch/supply';
import type { ProviderEvent, SettingEvent } from '@placematch/supply';
import { hasOnsCode, toCommands, withOnsCode } from './ofsted-commands';
import type { OfstedRowWithOnsCode } from './ofsted-commands';
import { PLACEMATCH_NAMESPACE, providerIdFor, settingIdFor } from './ofsted-ids';
import { parseOfstedList } from './ofsted-list.parser';
import type { OfstedRow } from './ofsted-row';
import { uuidV5 } from '../uuid-v5';

const AT = '2025-03-10T09:00:00.000Z';
const LATER = '2025-04-10T09:00:00.000Z';

const LIST = [
  'URN,Provider type,Setting name,Provider name,Local authority code,Placement code,Placement provider code,Setting postcode',
  "SC999001,Children's Home,Test House,Test Homes Ltd,E08000021,K2,PR4,NE1 9ZZ",
  'SC999002,Independent fostering agency,Test Fostering North,Test Fostering Ltd,E06000002,U6/U4,PR5,TS1 9ZZ',
].join('\n');

/** A geocoder's answer, as geo's `Location` gives it (grid figures made up, inside the National Grid). */
const located = (postcode: string): Location => ({
  postcode,
  outcode: postcode.split(' ')[0],
  sector: postcode.slice(0, -2),
  grid: { easting: 424_000, northing: 564_000 },
  precision: 'postcode',
});

const goodRows = (text: string): OfstedRowWithOnsCode[] => parseOfstedList(text).rows.filter(hasOnsCode);

describe('providerIdFor and settingIdFor', () => {
  it('derive v5 UUIDs from the URN in the Placematch namespace (values from Python uuid.uuid5)', () => {
    expect(providerIdFor('SC999001')).toBe('f0b49cd5-4dfc-57f5-b347-69728fe183b2');
    expect(settingIdFor('SC999001')).toBe('bb9b0903-b77c-5b14-be89-6e83aa1bb2da');
    expect(providerIdFor('SC999001')).toBe(uuidV5('ofsted-provider:SC999001', PLACEMATCH_NAMESPACE));
  });

  it('give the same id for the same URN however it is cased, and different ids otherwise', () => {
    expect(providerIdFor(' sc999001 ')).toBe(providerIdFor('SC999001'));
    expect(settingIdFor('sc999001')).toBe(settingIdFor('SC999001'));
    expect(providerIdFor('SC999002')).not.toBe(providerIdFor('SC999001'));
    expect(settingIdFor('SC999001')).not.toBe(providerIdFor('SC999001'));
    expect(isUuid(providerIdFor('2999003'))).toBe(true);
  });
});

describe('toCommands', () => {
  const [home, agency] = goodRows(LIST);

  it('maps a row to RegisterProvider under its URN', () => {
    expect(toCommands(home, AT).registerProvider).toEqual({
      type: 'RegisterProvider',
      data: {
        providerId: providerIdFor('SC999001'),
        name: 'Test Homes Ltd',
        ofstedUrn: 'SC999001',
        providerCode: 'PR4',
        hostLocalAuthority: 'E08000021',
        providerType: 'childrens-home-operator',
      },
      at: AT,
    });
  });

  it('completes RegisterSetting with the location and provider status the caller looked up', () => {
    const commands = toCommands(agency, AT);
    expect(commands.registerSetting({ location: located('TS1 9ZZ'), providerStatus: 'active' })).toEqual({
      type: 'RegisterSetting',
      data: {
        settingId: settingIdFor('SC999002'),
        providerId: providerIdFor('SC999002'),
        providerStatus: 'active',
        name: 'Test Fostering North',
        placementTypes: ['U4', 'U6'],
        location: {
          postcode: 'TS1 9ZZ',
          gridReference: { easting: 424_000, northing: 564_000 },
          postcodeSector: 'TS1 9',
        },
        hostLocalAuthority: 'E06000002',
        ofstedUrn: 'SC999002',
      },
      at: AT,
    });
    expect(commands.settingId).toBe(settingIdFor('SC999002'));
    expect(commands.providerId).toBe(providerIdFor('SC999002'));
  });

  it("refuses a location for another postcode than the row's", () => {
    expect(() =>
      toCommands(home, AT).registerSetting({ location: located('NE1 9ZY'), providerStatus: 'active' }),
    ).toThrow(expect.objectContaining({ code: 'OFSTED.LOCATION_MISMATCH' }));
  });

  it('gives commands the deciders accept, and a second import of the same file writes nothing', () => {
    const importOnce = (at: string, providers: ProviderEvent[][], settings: SettingEvent[][]) =>
      goodRows(LIST).map((row, i) => {
        const commands = toCommands(row, at);
        const providerEvents = providerDecider.decide(
          commands.registerProvider,
          fold(providerDecider, providers[i] ?? []),
        );
        const settingEvents = settingDecider.decide(
          commands.registerSetting({ location: located(row.postcode), providerStatus: 'active' }),
          fold(settingDecider, settings[i] ?? []),
        );
        return { providerEvents, settingEvents };
      });

    const first = importOnce(AT, [], []);
    expect(
      first.map((r) => [r.providerEvents.map((e) => e.type), r.settingEvents.map((e) => e.type)]),
    ).toEqual([
      [['ProviderRegistered'], ['SettingRegistered']],
      [['ProviderRegistered'], ['SettingRegistered']],
    ]);
    const second = importOnce(
      LATER,
      first.map((r) => r.providerEvents),
      first.map((r) => r.settingEvents),
    );
    expect(second).toEqual([
      { providerEvents: [], settingEvents: [] },
      { providerEvents: [], settingEvents: [] },
    ]);
  });
});

describe('withOnsCode and hasOnsCode', () => {
  const byName: OfstedRow = parseOfstedList(
    [
      'URN,Provider type,Setting name,Local authority,Placement code,Placement provider code,Setting postcode',
      "SC999001,Children's Home,Test House,Newcastle upon Tyne,K2,PR4,NE1 9ZZ",
    ].join('\n'),
  ).rows[0];

  it('completes a row that gave only a name, keeping the name', () => {
    expect(hasOnsCode(byName)).toBe(false);
    const row = withOnsCode(byName, 'E08000021');
    expect(hasOnsCode(row)).toBe(true);
    expect(row.hostLocalAuthority).toEqual({
      kind: 'ons-code',
      code: 'E08000021',
      name: 'Newcastle upon Tyne',
    });
    expect(toCommands(row, AT).registerProvider.data.hostLocalAuthority).toBe('E08000021');
  });

  it('refuses a code that is not a children’s services authority, or that contradicts the file', () => {
    expect(() => withOnsCode(byName, 'E07000001')).toThrow(
      expect.objectContaining({ code: 'OFSTED.INVALID_LOCAL_AUTHORITY' }),
    );
    const coded = withOnsCode(byName, 'E08000021');
    expect(withOnsCode(coded, 'E08000021')).toEqual(coded);
    expect(() => withOnsCode(coded, 'E08000022')).toThrow(
      expect.objectContaining({ code: 'OFSTED.LOCAL_AUTHORITY_MISMATCH' }),
    );
  });
});
