import { randomBytes } from 'node:crypto';
import { isUuid } from '@placematch/kernel';
import { keyedIdDerivation, SSDA903_ID_KEY_INFO } from '@placematch/privacy';
import { PLACEMATCH_NAMESPACE } from '../ofsted/ofsted-ids';
import { uuidV5 } from '../uuid-v5';
import { returnIds } from './ssda903-ids';

const LA = 'E08000021';
const idsUnder = (masterKey: Buffer) => returnIds(keyedIdDerivation(masterKey, SSDA903_ID_KEY_INFO));

describe('returnIds: keyed ids from the authority and CHILD', () => {
  const key = randomBytes(32);
  const ids = idsUnder(key);

  it('gives the same child id to the same authority and CHILD under the same key (a re-import writes nothing)', () => {
    const id = ids.childIdFor(LA, '1001');
    expect(isUuid(id)).toBe(true);
    expect(idsUnder(Buffer.from(key)).childIdFor(LA, '1001')).toBe(id);
    expect(ids.childIdFor('e08000021', ' 1001 ')).toBe(id);
  });

  it('gives another child id under another key, to another authority, or to another CHILD', () => {
    const id = ids.childIdFor(LA, '1001');
    expect(idsUnder(randomBytes(32)).childIdFor(LA, '1001')).not.toBe(id);
    expect(ids.childIdFor('E08000022', '1001')).not.toBe(id);
    expect(ids.childIdFor(LA, '1002')).not.toBe(id);
  });

  it('gives a placement the same id for the same child and first DECOM, another for another DECOM or key', () => {
    const id = ids.placementIdFor(LA, '1001', '2021-04-01');
    expect(isUuid(id)).toBe(true);
    expect(idsUnder(Buffer.from(key)).placementIdFor(LA, ' 1001', '2021-04-01')).toBe(id);
    expect(ids.placementIdFor(LA, '1001', '2022-01-10')).not.toBe(id);
    expect(ids.placementIdFor('E08000022', '1001', '2021-04-01')).not.toBe(id);
    expect(idsUnder(randomBytes(32)).placementIdFor(LA, '1001', '2021-04-01')).not.toBe(id);
    expect(id).not.toBe(ids.childIdFor(LA, '1001'));
  });

  it('is not the old unkeyed derivation (UUID v5 of the authority and CHILD in the Placematch namespace)', () => {
    expect(ids.childIdFor(LA, '1001')).not.toBe(uuidV5(`ssda903-child:${LA}:1001`, PLACEMATCH_NAMESPACE));
    expect(ids.placementIdFor(LA, '1001', '2021-04-01')).not.toBe(
      uuidV5(`ssda903-placement:${LA}:1001:2021-04-01`, PLACEMATCH_NAMESPACE),
    );
  });

  it('after erasure, CHILD alone does not lead to the id: no derivation without the master key', () => {
    // What is public (the CHILD code, the authority, the namespace, the HKDF info) and a key that is not the
    // master key never give the erased child's id; the derivation cannot even be made without a master key.
    const id = ids.childIdFor(LA, '1001');
    const guesses = [
      uuidV5(`ssda903-child:${LA}:1001`, PLACEMATCH_NAMESPACE),
      uuidV5('1001', PLACEMATCH_NAMESPACE),
      ...Array.from({ length: 20 }, () => idsUnder(randomBytes(32)).childIdFor(LA, '1001')),
    ];
    expect(guesses).not.toContain(id);
    expect(() => idsUnder(undefined as unknown as Buffer)).toThrow(
      expect.objectContaining({ code: 'PRIVACY.MASTER_KEY_INVALID' }),
    );
  });
});
