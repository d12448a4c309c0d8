import { type LatencyFigures, summariseLatencies } from "@/bench/lib/stats";

/**
 * One request at a time: the latency a single user sees, much less sensitive to a busy machine
 * than throughput under load. Bounded by request count and wall time.
 */
export async function sequentialGets(
  url: string,
  bounds: { warmup: number; maxRequests: number; maxMs: number },
): Promise<LatencyFigures & { failures: number }> {
  const get = async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: "manual" });
    await response.arrayBuffer();
    return response.status;
  };
  for (let i = 0; i < bounds.warmup; i++) await get();
  const durationsUs: number[] = [];
  let failures = 0;
  const started = performance.now();
  while (durationsUs.length < bounds.maxRequests && performance.now() - started < bounds.maxMs) {
    const before = performance.now();
    const status = await get();
    durationsUs.push((performance.now() - before) * 1_000);
    if (status < 200 || status > 299) failures++;
  }
  return { ...summariseLatencies(durationsUs, performance.now() - started), failures };
}
