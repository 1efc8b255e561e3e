import { randomBytes } from 'node:crypto';
import { uuidV5 } from '@placematch/interop';
import type { CommandContext, RuntimeOptions } from '@placematch/runtime';
import { PLACEMENTS_API_NAMESPACE, PlacementIds } from './ids';

const context = { newId: () => 'fresh-id' } as unknown as CommandContext;
const idsUnder = (key: Buffer) =>
  new PlacementIds(context, { privacyMasterKey: key.toString('base64') } as RuntimeOptions);

describe('ids of new records', () => {
  const key = randomBytes(32);

  it('gives a retry with the same Idempotency-Key the same id, and another scope or key another one', () => {
    const ids = idsUnder(key);
    const first = ids.forKey('child:E08000021', 'LA-REF-1234');
    expect(ids.forKey('child:E08000021', 'LA-REF-1234')).toBe(first);
    expect(idsUnder(key).forKey('child:E08000021', 'LA-REF-1234')).toBe(first);
    expect(ids.forKey('child:E06000001', 'LA-REF-1234')).not.toBe(first);
    expect(ids.forKey('request:E08000021', 'LA-REF-1234')).not.toBe(first);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('cannot be computed from the client’s reference without the master key, so an erased child stays unlinkable', () => {
    const id = idsUnder(key).forKey('child:E08000021', 'LA-REF-1234');
    expect(idsUnder(randomBytes(32)).forKey('child:E08000021', 'LA-REF-1234')).not.toBe(id);
    expect(uuidV5('child:E08000021:LA-REF-1234', PLACEMENTS_API_NAMESPACE)).not.toBe(id);
  });

  it('gives a fresh id without a key, and refuses a key that is not visible ASCII, naming the header', () => {
    const ids = idsUnder(key);
    expect(ids.forKey('child:E08000021', undefined)).toBe('fresh-id');
    expect(() => ids.forKey('child:E08000021', 'has space')).toThrow(
      expect.objectContaining({ code: 'IDEMPOTENCY.KEY_INVALID', details: { field: 'Idempotency-Key' } }),
    );
  });
});
