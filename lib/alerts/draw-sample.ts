/**
 * A reproducible random sample (the privacy officer's SOP samples a percentage of self-claims):
 * the same seed over the same population always draws the same members, so a sample can be
 * re-drawn and checked later from the recorded seed. Pure: a seeded PRNG (FNV-1a hash of the seed
 * into mulberry32) and a partial Fisher–Yates shuffle over the population in a stable order.
 */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** How many of `population` a percentage samples: at least one when there is anyone to sample. */
export function sampleSize(population: number, percentage: number): number {
  if (population === 0) return 0;
  return Math.min(population, Math.max(1, Math.ceil((population * percentage) / 100)));
}

/** Draw `percentage`% of `population` (already in a stable order) with `seed`. */
export function drawSample<T>(population: readonly T[], percentage: number, seed: string): T[] {
  const pool = [...population];
  const size = sampleSize(pool.length, percentage);
  const random = mulberry32(seedOf(seed));
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, size);
}
