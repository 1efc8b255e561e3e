import { newKey } from '../../aes-gcm';
import { assertSubjectId, KeyStore, SubjectErasedError } from '../../key-store.port';

/**
 * Keys in process memory: for unit tests and demos. Erasure overwrites the key's bytes before forgetting
 * it. Everything is lost when the process ends, and with it every encrypted value: never for real data.
 */
export class InMemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, Buffer | 'erased'>();

  async keyFor(subjectId: string): Promise<Buffer> {
    assertSubjectId(subjectId);
    // No await between the look-up and the set: two first uses cannot both create a key.
    let key = this.keys.get(subjectId);
    if (key === 'erased') throw new SubjectErasedError(subjectId);
    if (key === undefined) {
      key = newKey();
      this.keys.set(subjectId, key);
    }
    return Buffer.from(key);
  }

  async existingKey(subjectId: string): Promise<Buffer | 'erased' | null> {
    assertSubjectId(subjectId);
    const key = this.keys.get(subjectId);
    if (key === undefined) return null;
    return key === 'erased' ? key : Buffer.from(key);
  }

  async erase(subjectId: string): Promise<void> {
    assertSubjectId(subjectId);
    const key = this.keys.get(subjectId);
    if (Buffer.isBuffer(key)) key.fill(0);
    this.keys.set(subjectId, 'erased');
  }

  async isErased(subjectId: string): Promise<boolean> {
    assertSubjectId(subjectId);
    return this.keys.get(subjectId) === 'erased';
  }
}
