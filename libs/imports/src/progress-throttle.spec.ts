import { ProgressThrottle } from './progress-throttle';

/** A send that resolves only when the test lets it. */
const manualSend = () => {
  const sent: number[] = [];
  const pending: Array<() => void> = [];
  const send = (n: number) =>
    new Promise<void>((resolve) => {
      sent.push(n);
      pending.push(resolve);
    });
  const release = async () => {
    pending.splice(0).forEach((resolve) => resolve());
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { sent, send, release };
};

describe('ProgressThrottle', () => {
  it('sends the first report at once, then at most one per interval, and the latest on flush', async () => {
    let now = 0;
    const { sent, send, release } = manualSend();
    const throttle = new ProgressThrottle(send, 500, () => now);
    throttle.report(() => 1);
    throttle.report(() => 2);
    await release();
    now = 499;
    throttle.report(() => 3);
    expect(sent).toEqual([1]);
    now = 500;
    throttle.report(() => 4);
    expect(sent).toEqual([1, 4]);
    throttle.report(() => 5);
    const flushed = throttle.flush();
    await release();
    await release();
    await flushed;
    expect(sent).toEqual([1, 4, 5]);
  });

  it('sends one report at a time, and reads the counts only for what it sends', async () => {
    let now = 0;
    let reads = 0;
    const { sent, send, release } = manualSend();
    const throttle = new ProgressThrottle(send, 10, () => now);
    throttle.report(() => ++reads);
    now = 1_000;
    for (let i = 0; i < 100; i++) throttle.report(() => ++reads);
    expect(sent).toEqual([1]);
    expect(reads).toBe(1);
    const flushed = throttle.flush();
    await release();
    await release();
    await flushed;
    expect(sent).toEqual([1, 2]);
  });

  it('sends nothing on flush when nothing new was reported', async () => {
    const sent: number[] = [];
    const throttle = new ProgressThrottle(
      async (n: number) => void sent.push(n),
      500,
      () => 0,
    );
    await throttle.flush();
    throttle.report(() => 1);
    await throttle.flush();
    await throttle.flush();
    expect(sent).toEqual([1]);
  });

  it('drops a send that fails and goes on with the next', async () => {
    const sent: number[] = [];
    let now = 0;
    const throttle = new ProgressThrottle(
      async (n: number) => {
        if (n === 1) throw new Error('Redis away');
        sent.push(n);
      },
      10,
      () => now,
    );
    throttle.report(() => 1);
    await throttle.flush();
    now = 100;
    throttle.report(() => 2);
    await throttle.flush();
    expect(sent).toEqual([2]);
  });
});
