/**
 * A max-heap of index nodes by key (the best total a setting under the node could reach). Typed arrays that grow
 * and are kept between searches, so a search allocates nothing for it; `clear` before each use.
 *
 * @internal the search's queue of buckets and blocks.
 */
export class NodeHeap {
  private keys = new Float64Array(256);
  private nodes = new Int32Array(256);
  /** Entries held. */
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const nodes = this.nodes;
    let i = this.size;
    this.size += 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] >= key) break;
      keys[i] = keys[parent];
      nodes[i] = nodes[parent];
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** The largest key (the heap must not be empty). */
  topKey(): number {
    return this.keys[0];
  }

  topNode(): number {
    return this.nodes[0];
  }

  /** Removes the entry with the largest key. */
  pop(): void {
    const keys = this.keys;
    const nodes = this.nodes;
    this.size -= 1;
    const n = this.size;
    if (n === 0) return;
    const key = keys[n];
    const node = nodes[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1] > keys[child]) child += 1;
      if (keys[child] <= key) break;
      keys[i] = keys[child];
      nodes[i] = nodes[child];
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  private grow(): void {
    const size = this.keys.length * 2;
    const keys = new Float64Array(size);
    keys.set(this.keys);
    const nodes = new Int32Array(size);
    nodes.set(this.nodes);
    this.keys = keys;
    this.nodes = nodes;
  }
}
