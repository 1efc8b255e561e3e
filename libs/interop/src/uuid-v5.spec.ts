import { isUuid } from '@placematch/kernel';
import { DNS_NAMESPACE, uuidV5 } from './uuid-v5';

describe('uuidV5', () => {
  it('matches the published DNS-namespace examples', () => {
    expect(uuidV5('www.example.com', DNS_NAMESPACE)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('python.org', DNS_NAMESPACE)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('hashes the name as UTF-8 and accepts an upper-case namespace', () => {
    // Expected value from Python's uuid.uuid5(uuid.NAMESPACE_URL, ...), an independent implementation.
    expect(uuidV5('https://example.com/é', '6BA7B811-9DAD-11D1-80B4-00C04FD430C8')).toBe(
      '20ecd233-a9e7-5067-a96f-fd6600ca3fda',
    );
  });

  it('sets version 5 and the RFC 4122 variant, giving an id kernel accepts', () => {
    const id = uuidV5('anything', DNS_NAMESPACE);
    expect(id[14]).toBe('5');
    expect('89ab').toContain(id[19]);
    expect(isUuid(id)).toBe(true);
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(
      expect.objectContaining({ code: 'UUID.INVALID_NAMESPACE' }),
    );
  });
});
