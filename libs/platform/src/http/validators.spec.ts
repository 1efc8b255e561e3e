import { ArrayUnique, IsArray, IsIn, validateSync } from 'class-validator';
import { IsCodeList } from './validators';

const CODES = ['a', 'b'] as const;

class WithCodeList {
  @IsCodeList(CODES)
  codes!: unknown;
}

class WrittenOut {
  @IsArray()
  @ArrayUnique()
  @IsIn([...CODES], { each: true })
  codes!: unknown;
}

const errors = (Type: new () => { codes: unknown }, codes: unknown) => {
  const o = new Type();
  o.codes = codes;
  return validateSync(o).map((e) => e.constraints);
};

describe('IsCodeList', () => {
  it.each([[['a', 'b']], [[]], [['a', 'a']], [['c']], ['a'], [null]])(
    'checks %j exactly as the three decorators written out do, with the same messages in the same order',
    (codes) => {
      expect(JSON.stringify(errors(WithCodeList, codes))).toBe(JSON.stringify(errors(WrittenOut, codes)));
    },
  );

  it('refuses a code outside the list and a code given twice', () => {
    expect(errors(WithCodeList, ['c'])).toHaveLength(1);
    expect(errors(WithCodeList, ['a', 'a'])).toHaveLength(1);
    expect(errors(WithCodeList, ['b', 'a'])).toEqual([]);
  });
});
