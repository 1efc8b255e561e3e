import { murmur2, partitionForKey } from './partitioner';

describe('partitioner', () => {
  // The expected hashes are those of Kafka's own tests of Utils.murmur2 (the Java client).
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %j as the Java client does', (key, hash) => {
    expect(murmur2(key)).toBe(hash);
  });

  it('puts a key on the same partition every time, within range', () => {
    for (let i = 0; i < 500; i++) {
      const p = partitionForKey(`setting-${i}`, 3);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(3);
      expect(partitionForKey(`setting-${i}`, 3)).toBe(p);
    }
  });

  it('spreads keys over every partition', () => {
    const used = new Set(Array.from({ length: 100 }, (_, i) => partitionForKey(`k${i}`, 3)));
    expect(used).toEqual(new Set([0, 1, 2]));
  });
});
