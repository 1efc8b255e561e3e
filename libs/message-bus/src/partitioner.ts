const M = 0x5bd1e995;
const SEED = 0x9747b28c;

/**
 * Kafka's murmur2 hash of a key's UTF-8 bytes, as a signed 32-bit integer: the hash Kafka's Java client
 * and kafkajs's default partitioner use, so every adapter puts a key on the same partition.
 */
export const murmur2 = (key: string): number => {
  const data = Buffer.from(key, 'utf8');
  let h = (SEED ^ data.length) | 0;
  const whole = data.length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const rest = data.length & 3;
  if (rest === 3) h ^= data[whole + 2] << 16;
  if (rest >= 2) h ^= data[whole + 1] << 8;
  if (rest >= 1) h = Math.imul(h ^ data[whole], M);
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
};

/** The partition Kafka's default partitioner picks for a key among `partitions` partitions. */
export const partitionForKey = (key: string, partitions: number): number =>
  (murmur2(key) & 0x7fffffff) % partitions;
