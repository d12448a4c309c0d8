import "server-only";
import { config, environment } from "@/server/config";

/**
 * The one clock for session timing (idle and absolute limits), so tests can move time:
 * - unit/integration tests inject a time source with `setClockForTests(() => epochMs)`;
 * - e2e tests shift a running server with an offset through POST /api/auth/test-clock, which
 *   exists only when LRM_TEST_CLOCK=1 and never in live mode.
 * State lives on globalThis because Next may load this module once per route bundle.
 */

const CLOCK_KEY = Symbol.for("lr-manager.auth-clock");

interface ClockState {
  offsetMs: number;
  source: (() => number) | undefined;
}

function clockState(): ClockState {
  const holder = globalThis as typeof globalThis & { [CLOCK_KEY]?: ClockState };
  holder[CLOCK_KEY] ??= { offsetMs: 0, source: undefined };
  return holder[CLOCK_KEY];
}

export function now(): Date {
  const state = clockState();
  return new Date((state.source ?? Date.now)() + state.offsetMs);
}

/** Tests only: replace the time source (undefined restores Date.now). */
export function setClockForTests(source: (() => number) | undefined): void {
  clockState().source = source;
}

/** The e2e clock offset is allowed only when switched on by env, and never in live mode. */
export function testClockAllowed(
  env: Readonly<Record<string, string | undefined>> = environment(),
  mode: "training" | "live" = config().LR_MODE,
): boolean {
  return env.LRM_TEST_CLOCK === "1" && mode !== "live";
}

/** The run's token a caller of the test-clock endpoint must send (only the run that started this server knows it). */
export function testClockToken(env: Readonly<Record<string, string | undefined>> = environment()): string | undefined {
  return env.LRM_TEST_CLOCK_TOKEN || undefined;
}

export function setTestClockOffset(offsetMs: number): void {
  if (!testClockAllowed()) throw new Error("the test clock is not enabled");
  clockState().offsetMs = offsetMs;
}

export function testClockOffset(): number {
  return clockState().offsetMs;
}
