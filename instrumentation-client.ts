import { z } from "zod";

/**
 * Runs in the browser before any of the app's client code. The page CSP has no 'unsafe-eval', so
 * zod must not compile its fast parsers with `new Function`: even its guarded probe for eval is
 * reported by the browser as a CSP violation. jitless is read when a schema is created, hence here.
 */
z.config({ jitless: true });
