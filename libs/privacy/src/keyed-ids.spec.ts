import { randomBytes } from 'node:crypto';
import { isUuid } from '@placematch/kernel';
import { MasterKeyError } from './errors';
import { keyedIdDerivation, SSDA903_ID_KEY_INFO } from './keyed-ids';

const NAME = 'ssda903-child:E08000021:1001';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof MasterKeyError ? e.code : e;
  }
  return 'no error';
};

describe('keyedIdDerivation', () => {
  const key = randomBytes(32);

  it('gives the same UUID (version 8) for the same name under the same key, however often it is made', () => {
    const id = keyedIdDerivation(key, SSDA903_ID_KEY_INFO)(NAME);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('8');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
    expect(keyedIdDerivation(Buffer.from(key), SSDA903_ID_KEY_INFO)(NAME)).toBe(id);
  });

  it('matches an independent implementation (Python hmac: HKDF-SHA256 without salt, then HMAC-SHA256)', () => {
    const derive = keyedIdDerivation(
      Buffer.from(Array.from({ length: 32 }, (_, i) => i + 1)),
      SSDA903_ID_KEY_INFO,
    );
    expect(derive(NAME)).toBe('aa00629f-8c38-88dd-8dd3-f47f20d91361');
    expect(derive('é')).toBe('5e72c34b-eb16-87cb-b671-18ab0df01017');
  });

  it('gives another id under another master key, another info, or for another name', () => {
    const id = keyedIdDerivation(key, SSDA903_ID_KEY_INFO)(NAME);
    expect(keyedIdDerivation(randomBytes(32), SSDA903_ID_KEY_INFO)(NAME)).not.toBe(id);
    expect(keyedIdDerivation(key, 'placematch/another-use/v1')(NAME)).not.toBe(id);
    expect(keyedIdDerivation(key, SSDA903_ID_KEY_INFO)('ssda903-child:E08000021:1002')).not.toBe(id);
  });

  it.each([
    ['no key', undefined],
    ['an empty key', Buffer.alloc(0)],
    ['16 bytes', randomBytes(16)],
    ['one byte repeated', Buffer.alloc(32, 7)],
    ['the key as text', randomBytes(32).toString('base64')],
  ])('cannot derive anything without the master key: refuses %s', (_what, masterKey) => {
    expect(codeOf(() => keyedIdDerivation(masterKey as unknown as Buffer, SSDA903_ID_KEY_INFO))).toBe(
      'PRIVACY.MASTER_KEY_INVALID',
    );
  });

  it('refuses an empty info, so each use of the master key is named', () => {
    expect(() => keyedIdDerivation(key, '')).toThrow(/non-empty HKDF info/);
  });
});
