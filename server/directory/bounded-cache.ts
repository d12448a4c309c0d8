import "server-only";

/**
 * A small in-process cache bounded in size and in time: an entry lives at most `ttlMs`, and when
 * `maxEntries` is reached the least recently used entry is dropped. Directory answers (names,
 * members) are cached here so a busy LR list does not ask SDS for the same person twice, and never
 * grow without limit. Invalidation across instances is the caller's (directory-invalidation.ts).
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly limits: { maxEntries: number; ttlMs: number },
    private readonly now: () => number = Date.now,
  ) {
    if (limits.maxEntries < 1 || limits.ttlMs < 1) throw new Error("a bounded cache needs room for one entry and a positive lifetime");
  }

  get size(): number {
    return this.entries.size;
  }

  /** The live value, or undefined (expired entries are dropped on the way). A hit becomes the most recently used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.limits.ttlMs });
    while (this.entries.size > this.limits.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drop every entry whose key matches (e.g. all of one workgroup's entries). */
  deleteWhere(matches: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) if (matches(key)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
