/**
 * Turn off zod's JIT (it compiles fast parsers with `new Function`, and even its guarded probe for
 * eval is reported by the browser as a CSP violation under a CSP without 'unsafe-eval').
 *
 * zod 4 keeps its settings on `globalThis.__zod_globalConfig` and reads `jitless` when a schema is
 * created. Setting it there, rather than through `z.config()`, keeps zod itself out of every page's
 * first load: instrumentation-client.ts runs on every page, and importing zod there put it (31 kB
 * gzip, or 5 kB for zod/v4/core) into all of them; pages with forms load zod with their own code.
 * The unit test checks that zod reads this object, so a zod upgrade that moves it fails the build.
 */
export function setZodJitless(): void {
  const holder = globalThis as typeof globalThis & { __zod_globalConfig?: Record<string, unknown> };
  holder.__zod_globalConfig ??= {};
  holder.__zod_globalConfig.jitless = true;
}
