import { setZodJitless } from "@/lib/config/zod-jitless";

/**
 * Runs in the browser before any of the app's client code. The page CSP has no 'unsafe-eval', so
 * zod must not compile its fast parsers with `new Function` (lib/config/zod-jitless.ts) — set
 * without importing zod, which would put it into every page's first load.
 */
setZodJitless();
