import { randomBytes } from 'node:crypto';
import { PersonalDataUnreadableError } from './errors';
import { decryptValue, EncryptedValue, encryptValue, isEncryptedValue } from './field-cipher';

const key = randomBytes(32);
const subject = 'child-subject-1';

/** Changes one base64url character of part `part` (1 the IV, 2 the ciphertext and tag) at `at`. */
const flip = (value: EncryptedValue, part: 1 | 2, at: number): EncryptedValue => {
  const parts = value.$pii.split('.');
  const text = parts[part];
  const i = at < 0 ? text.length + at : at;
  parts[part] = text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
  return { $pii: parts.join('.') };
};

describe('field cipher', () => {
  it.each([
    ['a string', 'Test Child A'],
    ['an empty string', ''],
    ['non-ASCII text', 'Siân Ó Dónaill — 日本語 👪'],
    ['a number', 140],
    ['a negative fraction', -0.25],
    ['a boolean', false],
    ['null', null],
    ['an object', { religion: 'Test Religion', languages: ['Test Language'], nested: { deep: [1, null] } }],
    ['an array', ['Test wish 1', 2, { three: true }]],
  ])('round-trips %s through JSON text', (_what, value) => {
    const encrypted = encryptValue(key, subject, value);
    expect(isEncryptedValue(encrypted)).toBe(true);
    expect(decryptValue(key, subject, JSON.parse(JSON.stringify(encrypted)))).toEqual(value);
  });

  it('writes v1.<96-bit IV>.<ciphertext and 128-bit tag> in base64url', () => {
    const encrypted = encryptValue(key, subject, 'Test Child A');
    const [version, iv, body] = encrypted.$pii.split('.');
    expect(version).toBe('v1');
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(body, 'base64url')).toHaveLength(JSON.stringify('Test Child A').length + 16);
    expect(encrypted.$pii).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('uses a fresh IV for every value', () => {
    const ivs = new Set(
      Array.from({ length: 100 }, () => encryptValue(key, subject, 'x').$pii.split('.')[1]),
    );
    expect(ivs.size).toBe(100);
  });

  it.each([
    ['a changed ciphertext byte', (v: EncryptedValue) => flip(v, 2, 0)],
    ['a changed tag byte', (v: EncryptedValue) => flip(v, 2, -2)],
    ['a changed IV', (v: EncryptedValue) => flip(v, 1, 3)],
    ['a truncated value', (v: EncryptedValue) => ({ $pii: v.$pii.slice(0, v.$pii.length - 4) })],
    ['an unknown version', (v: EncryptedValue) => ({ $pii: v.$pii.replace(/^v1/, 'v9') })],
    ['a value that is not base64url', (v: EncryptedValue) => ({ $pii: `${v.$pii}!` })],
    ['a value of the wrong shape', () => ({ $pii: 'v1.only-two' })],
    ['an IV of the wrong length', (v: EncryptedValue) => ({ $pii: v.$pii.replace('.', '.AAAA') })],
  ])('fails loudly on %s', (_what, damage) => {
    const damaged = damage(encryptValue(key, subject, 'Test Child A'));
    expect(() => decryptValue(key, subject, damaged)).toThrow(PersonalDataUnreadableError);
  });

  it('fails loudly with another key', () => {
    const encrypted = encryptValue(key, subject, 'Test Child A');
    const error = (() => {
      try {
        return decryptValue(randomBytes(32), subject, encrypted);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PersonalDataUnreadableError);
    expect((error as PersonalDataUnreadableError).code).toBe('PRIVACY.UNREADABLE');
    expect((error as Error).message).not.toContain('Test Child A');
  });

  it('fails loudly when decrypted as another subject’s value (the subject id is authenticated)', () => {
    const encrypted = encryptValue(key, subject, 'Test Child A');
    expect(() => decryptValue(key, 'child-subject-2', encrypted)).toThrow(PersonalDataUnreadableError);
  });

  it.each([
    ['undefined', undefined],
    ['a bigint', BigInt(1)],
    ['NaN', Number.NaN],
  ])('refuses to encrypt %s, which JSON cannot hold', (_what, value) => {
    expect(() => encryptValue(key, subject, value)).toThrow(TypeError);
  });

  it('refuses a key that is not 256 bits', () => {
    expect(() => encryptValue(randomBytes(16), subject, 'x')).toThrow(TypeError);
  });

  it.each([
    [{ $pii: 'v1.a.b' }, true],
    [{ $pii: 'v1.a.b', other: 1 }, false],
    [{ $pii: 1 }, false],
    [['v1.a.b'], false],
    [null, false],
    ['v1.a.b', false],
  ])('recognises the encrypted value shape: %j is %s', (value, expected) => {
    expect(isEncryptedValue(value)).toBe(expected);
  });
});
