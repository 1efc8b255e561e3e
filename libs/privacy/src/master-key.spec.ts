import { randomBytes } from 'node:crypto';
import { MasterKeyError } from './errors';
import { assertMasterKey, parseMasterKey } from './master-key';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof MasterKeyError ? e.code : e;
  }
  return 'no error';
};

describe('master key', () => {
  it('reads 32 bytes from base64 and from base64url', () => {
    const key = randomBytes(32);
    expect(parseMasterKey(key.toString('base64'))).toEqual(key);
    expect(parseMasterKey(` ${key.toString('base64url')}\n`)).toEqual(key);
  });

  it.each([
    ['nothing', undefined],
    ['an empty value', ''],
    ['16 bytes', randomBytes(16).toString('base64')],
    ['64 bytes', randomBytes(64).toString('base64')],
    ['hex', randomBytes(32).toString('hex')],
    ['one byte repeated', Buffer.alloc(32, 7).toString('base64')],
  ])('refuses %s, saying how to make a key', (_what, text) => {
    expect(codeOf(() => parseMasterKey(text, 'PRIVACY_MASTER_KEY'))).toBe('PRIVACY.MASTER_KEY_INVALID');
    expect(() => parseMasterKey(text, 'PRIVACY_MASTER_KEY')).toThrow(/openssl rand -base64 32/);
  });

  it('refuses a buffer that is not 32 bytes, and anything not a buffer', () => {
    expect(codeOf(() => assertMasterKey(randomBytes(31)))).toBe('PRIVACY.MASTER_KEY_INVALID');
    expect(codeOf(() => assertMasterKey(randomBytes(32).toString('base64')))).toBe(
      'PRIVACY.MASTER_KEY_INVALID',
    );
    expect(codeOf(() => assertMasterKey(randomBytes(32)))).toBe('no error');
  });
});
