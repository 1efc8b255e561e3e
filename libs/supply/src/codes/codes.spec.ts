import {
  DISABILITY_CODE_LIST,
  DISABILITY_SPECIALISM_CODES,
  ETHNICITY_CODES,
  ETHNICITY_CODE_LIST,
  ETHNICITY_GROUPS,
  OFSTED_JUDGEMENTS,
  PLACEMENT_GROUPS,
  PLACEMENT_TYPES,
  PLACEMENT_TYPE_CODES,
  PLACE_PROVIDER_CODE_LIST,
  PLACE_PROVIDER_CODES,
  PROVIDER_TYPES,
  PROVIDER_TYPE_LIST,
  RISKS,
  RISK_CODES,
} from '@placematch/supply';

const distinct = (values: readonly string[]) => new Set(values).size === values.length;

describe('SSDA903 placement types', () => {
  it('lists every current PLACE code once', () => {
    expect(distinct(PLACEMENT_TYPE_CODES)).toBe(true);
    expect([...PLACEMENT_TYPE_CODES].sort()).toEqual(
      [
        ...['A3', 'A4', 'A5', 'A6', 'H5', 'K1', 'K2', 'K3', 'P1', 'P2', 'P3', 'R1', 'R2', 'R3', 'R5', 'S1'],
        ...['T0', 'T1', 'T2', 'T3', 'T4', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'Z1'],
      ].sort(),
    );
  });

  it('puts every code in a known group, with a description', () => {
    for (const info of Object.values(PLACEMENT_TYPES)) {
      expect(PLACEMENT_GROUPS).toContain(info.group);
      expect(info.description.length).toBeGreaterThan(0);
    }
  });

  it('groups fostering, residential, supported, secure and adoption codes as the demand model does', () => {
    const group = (g: string) => PLACEMENT_TYPE_CODES.filter((c) => PLACEMENT_TYPES[c].group === g);
    expect(group('fostering')).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'U6']);
    expect(group('residential')).toEqual(['K2', 'R1']);
    expect(group('supported')).toEqual(['H5', 'K3', 'P2']);
    expect(group('secure')).toEqual(['K1']);
    expect(group('adoption')).toEqual(['A3', 'A4', 'A5', 'A6']);
  });

  it('M-08: marks U1-U3 as connected carers (family and friends) and nothing else', () => {
    expect(PLACEMENT_TYPE_CODES.filter((c) => PLACEMENT_TYPES[c].connected)).toEqual(['U1', 'U2', 'U3']);
  });

  it('expects no URN for the codes of validator rule 218 (2024-25)', () => {
    expect(PLACEMENT_TYPE_CODES.filter((c) => !PLACEMENT_TYPES[c].urnRequired)).toEqual(
      ['P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1'].sort(),
    );
  });
});

describe('Other code lists', () => {
  it('has the six PLACE_PROVIDER codes PR0-PR5', () => {
    expect(PLACE_PROVIDER_CODE_LIST).toEqual(['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5']);
    for (const code of PLACE_PROVIDER_CODE_LIST) expect(PLACE_PROVIDER_CODES[code].length).toBeGreaterThan(0);
  });

  it('lets each provider type register only with codes that exist, never PR0 or PR2', () => {
    expect(distinct(PROVIDER_TYPE_LIST)).toBe(true);
    for (const type of PROVIDER_TYPE_LIST) {
      const codes: readonly string[] = PROVIDER_TYPES[type].providerCodes;
      for (const code of codes) expect(PLACE_PROVIDER_CODE_LIST).toContain(code);
      expect(codes).not.toContain('PR0');
      expect(codes).not.toContain('PR2');
    }
  });

  it('has the 20 SSDA903 ethnicity codes, each in a known group', () => {
    expect(ETHNICITY_CODE_LIST).toHaveLength(20);
    expect(distinct(ETHNICITY_CODE_LIST)).toBe(true);
    for (const code of ETHNICITY_CODE_LIST) {
      expect(code).toMatch(/^[A-Z]{4}$/);
      expect(ETHNICITY_GROUPS).toContain(ETHNICITY_CODES[code].group);
    }
  });

  it('has the 13 CIN disability codes; NONE is not a specialism', () => {
    expect(DISABILITY_CODE_LIST).toHaveLength(13);
    expect(distinct(DISABILITY_CODE_LIST)).toBe(true);
    expect(DISABILITY_SPECIALISM_CODES).toHaveLength(12);
    expect(DISABILITY_SPECIALISM_CODES).not.toContain('NONE');
  });

  it('has the 13 Placements Standard v2 risks, split between the child and others', () => {
    expect(RISK_CODES).toHaveLength(13);
    expect(distinct(RISK_CODES)).toBe(true);
    for (const code of RISK_CODES) expect(code.startsWith(`${RISKS[code].to}.`)).toBe(true);
    expect(RISK_CODES.filter((c) => RISKS[c].to === 'child')).toHaveLength(7);
  });

  it('has the four Ofsted judgements', () => {
    expect(OFSTED_JUDGEMENTS).toEqual(['Outstanding', 'Good', 'Requires improvement', 'Inadequate']);
  });
});
