import { NeedProfile, needProfileIssues, validateNeedProfile } from '@placematch/matching';
import { childNeed, milesFrom, needProfile } from '@placematch/matching/testing';

const codesOf = (need: NeedProfile) => needProfileIssues(need).map((i) => i.code);

describe('Need profile', () => {
  it('accepts a valid profile and keeps siblings together unless told otherwise (M-09)', () => {
    expect(needProfileIssues(needProfile())).toEqual([]);
    expect(validateNeedProfile(needProfile()).keepSiblingsTogether).toBe(true);
    expect(validateNeedProfile(needProfile({ keepSiblingsTogether: false })).keepSiblingsTogether).toBe(
      false,
    );
  });

  it('needs one to eight children', () => {
    expect(codesOf(needProfile({ children: [] }))).toEqual(['NEED.NO_CHILDREN']);
    const nine = Array.from({ length: 9 }, (_, i) => childNeed({ ref: `c${i}` }));
    expect(codesOf(needProfile({ children: nine }))).toEqual(['NEED.TOO_MANY_CHILDREN']);
  });

  it('takes an opaque ref, never a name with spaces, once per child', () => {
    expect(codesOf(needProfile({ children: [childNeed({ ref: 'Jane Doe' })] }))).toEqual([
      'NEED.CHILD_REF_INVALID',
    ]);
    expect(codesOf(needProfile({ children: [childNeed(), childNeed()] }))).toEqual([
      'NEED.DUPLICATE_CHILD_REF',
    ]);
  });

  it('checks ages and year groups', () => {
    expect(codesOf(needProfile({ children: [childNeed({ ageMonths: -1 })] }))).toEqual(['NEED.INVALID_AGE']);
    expect(codesOf(needProfile({ children: [childNeed({ ageMonths: 7.5 })] }))).toEqual(['NEED.INVALID_AGE']);
    expect(codesOf(needProfile({ children: [childNeed({ yearGroup: 14 })] }))).toEqual([
      'NEED.INVALID_YEAR_GROUP',
    ]);
    expect(codesOf(needProfile({ children: [childNeed({ yearGroup: null })] }))).toEqual([]);
  });

  it("checks each code list against supply's", () => {
    const bad = childNeed({
      disabilities: ['MOB', 'FLY' as never],
      adaptations: ['lift' as never],
      communication: ['Semaphore' as never],
      religion: 'jedi' as never,
      risks: ['child.self-harm', 'child.self-harm'],
      livesAlongside: 'alone' as never,
      languages: ['English'],
    });
    expect(codesOf(needProfile({ children: [bad] }))).toEqual([
      'NEED.UNKNOWN_DISABILITY_CODE',
      'NEED.UNKNOWN_ADAPTATION',
      'NEED.INVALID_LANGUAGE',
      'NEED.UNKNOWN_COMMUNICATION_METHOD',
      'NEED.UNKNOWN_RELIGION',
      'NEED.DUPLICATE_VALUE',
      'NEED.UNKNOWN_LIVES_ALONGSIDE',
    ]);
  });

  it('refuses NONE alongside a disability', () => {
    expect(codesOf(needProfile({ children: [childNeed({ disabilities: ['NONE', 'AUT'] })] }))).toEqual([
      'NEED.NONE_WITH_DISABILITY',
    ]);
  });

  it('checks grid references, the authority, the purpose and the urgency', () => {
    const need = needProfile({
      homeGrid: { easting: -5, northing: 100 },
      schoolGrid: { easting: 1, northing: Number.NaN },
      homeLocalAuthority: 'E07000001',
      purpose: 'holiday' as never,
      urgency: 'yesterday' as never,
    });
    expect(codesOf(need)).toEqual([
      'NEED.INVALID_GRID',
      'NEED.INVALID_GRID',
      'NEED.INVALID_LOCAL_AUTHORITY',
      'NEED.UNKNOWN_PURPOSE',
      'NEED.UNKNOWN_URGENCY',
    ]);
    expect(codesOf(needProfile({ schoolGrid: milesFrom(2) }))).toEqual([]);
  });

  it('M-35: an emergency purpose must be flagged as an emergency', () => {
    expect(codesOf(needProfile({ purpose: 'emergency', emergency: false }))).toEqual([
      'NEED.EMERGENCY_NOT_FLAGGED',
    ]);
    expect(codesOf(needProfile({ purpose: 'emergency', emergency: true }))).toEqual([]);
  });

  it('needs at least one suitable kind of placement', () => {
    const none = { foster: false, residential: false, supported: false };
    expect(codesOf(needProfile({ suitability: none }))).toEqual(['NEED.NO_SUITABLE_TYPE']);
    expect(codesOf(needProfile({ suitability: none, secureCriteriaMet: true }))).toEqual([]);
  });

  it('throws the first issue with every issue in the details', () => {
    const need = needProfile({ children: [], urgency: 'soon' as never });
    expect(() => validateNeedProfile(need)).toThrow(
      expect.objectContaining({
        code: 'NEED.NO_CHILDREN',
        details: {
          issues: [
            expect.objectContaining({ code: 'NEED.NO_CHILDREN' }),
            expect.objectContaining({ code: 'NEED.UNKNOWN_URGENCY' }),
          ],
        },
      }),
    );
  });
});
