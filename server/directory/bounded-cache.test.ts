import { describe, expect, it } from "vitest";
import { BoundedCache } from "./bounded-cache";

describe("BoundedCache (directory answers, bounded in size and time)", () => {
  it("never holds more than maxEntries: the least recently used goes first", () => {
    const cache = new BoundedCache<string>({ maxEntries: 2, ttlMs: 60_000 });
    cache.set("a", "A");
    cache.set("b", "B");
    expect(cache.get("a")).toBe("A"); // a is now the most recently used
    cache.set("c", "C");
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("A");
    expect(cache.get("c")).toBe("C");
  });

  it("forgets an entry once its lifetime is over", () => {
    let now = 1_000;
    const cache = new BoundedCache<string>({ maxEntries: 10, ttlMs: 500 }, () => now);
    cache.set("a", "A");
    now += 499;
    expect(cache.get("a")).toBe("A");
    now += 1;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("deletes one key, or every key that matches", () => {
    const cache = new BoundedCache<number>({ maxEntries: 10, ttlMs: 60_000 });
    for (const key of ["wg:1", "wg:2", "user:1"]) cache.set(key, 1);
    cache.delete("user:1");
    cache.deleteWhere((key) => key === "wg:2");
    expect([cache.has("wg:1"), cache.has("wg:2"), cache.has("user:1")]).toEqual([true, false, false]);
  });

  it("refuses limits that could hold nothing", () => {
    expect(() => new BoundedCache({ maxEntries: 0, ttlMs: 1 })).toThrow();
    expect(() => new BoundedCache({ maxEntries: 1, ttlMs: 0 })).toThrow();
  });
});
