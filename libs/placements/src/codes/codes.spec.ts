import { PLACEMENT_TYPES } from '@placematch/supply';
import {
  CIN_CATEGORIES,
  CIN_CATEGORY_CODE_LIST,
  GENDERS,
  GENDER_CODE_LIST,
  LEGAL_STATUSES,
  LEGAL_STATUS_CODE_LIST,
  MISSING_KIND_CODE_LIST,
  PLACEMENT_START_RNE_CODES,
  REASONS_EPISODE_CEASED,
  REASONS_PLACE_CHANGE,
  REASON_EPISODE_CEASED_CODE_LIST,
  REASON_NEW_EPISODE_CODE_LIST,
  REASON_PLACE_CHANGE_CODE_LIST,
  SHORT_BREAK_LEGAL_STATUSES,
  TEMPORARY_PLACEMENTS,
  TEMPORARY_PLACEMENT_CODES,
} from '@placematch/placements';

const described = (list: Record<string, string>) =>
  Object.values(list).every((d) => typeof d === 'string' && d.length > 0);

describe('SSDA903 code lists', () => {
  it('has the two 903 SEX codes, 1 male and 2 female', () => {
    expect(GENDER_CODE_LIST).toEqual(['1', '2']);
    expect(GENDERS).toEqual({ '1': 'Male', '2': 'Female' });
  });

  it('has the 13 LS codes, each described; V3 and V4 are the short breaks', () => {
    expect([...LEGAL_STATUS_CODE_LIST].sort()).toEqual(
      ['C1', 'C2', 'D1', 'E1', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3', 'V2', 'V3', 'V4'].sort(),
    );
    expect(described(LEGAL_STATUSES)).toBe(true);
    expect(SHORT_BREAK_LEGAL_STATUSES).toEqual(['V3', 'V4']);
  });

  it('has the categories of need N1 to N8 and no N0 or N9', () => {
    expect(CIN_CATEGORY_CODE_LIST).toEqual(['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8']);
    expect(described(CIN_CATEGORIES)).toBe(true);
  });

  it('has the six RNE codes; a placement starts with any but L', () => {
    expect(REASON_NEW_EPISODE_CODE_LIST).toEqual(['S', 'L', 'P', 'T', 'B', 'U']);
    expect(PLACEMENT_START_RNE_CODES).toEqual(['S', 'P', 'T', 'B', 'U']);
  });

  it('has the current REC codes: E45-E48 in place of E43/E44, and only X1 keeps the child looked after', () => {
    expect(REASON_EPISODE_CEASED_CODE_LIST).toHaveLength(22);
    expect(REASON_EPISODE_CEASED_CODE_LIST).toEqual(
      expect.arrayContaining(['E45', 'E46', 'E47', 'E48', 'E17']),
    );
    expect(REASON_EPISODE_CEASED_CODE_LIST).not.toContain('E43');
    expect(REASON_EPISODE_CEASED_CODE_LIST).not.toContain('E99');
    expect(REASON_EPISODE_CEASED_CODE_LIST.filter((c) => !REASONS_EPISODE_CEASED[c].leavesCare)).toEqual([
      'X1',
    ]);
  });

  it('has the REASON_PLACE_CHANGE codes, CREQB among them', () => {
    expect(REASON_PLACE_CHANGE_CODE_LIST).toEqual([
      'CARPL',
      'CLOSE',
      'ALLEG',
      'STAND',
      'APPRR',
      'CREQB',
      'CREQO',
      'CHILD',
      'LAREQ',
      'PLACE',
      'CUSTOD',
      'OTHER',
    ]);
    expect(REASONS_PLACE_CHANGE.CREQB).toBe("Carer(s) requests placement end due to child's behaviour");
  });

  it("has the temporary codes T0-T4 with supply's descriptions", () => {
    expect(TEMPORARY_PLACEMENT_CODES).toEqual(['T0', 'T1', 'T2', 'T3', 'T4']);
    for (const code of TEMPORARY_PLACEMENT_CODES) {
      expect(TEMPORARY_PLACEMENTS[code]).toBe(PLACEMENT_TYPES[code].description);
    }
  });

  it('has the two MISSING codes', () => {
    expect(MISSING_KIND_CODE_LIST).toEqual(['M', 'A']);
  });
});
