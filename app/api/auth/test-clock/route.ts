import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { setTestClockOffset, testClockAllowed, testClockOffset, testClockToken } from "@/server/auth/clock";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * E2E only: shift the session clock of this server by `offsetMs`. Exists only when
 * LRM_TEST_CLOCK=1 and LR_MODE is not live, and only for a caller that sends the run's
 * LRM_TEST_CLOCK_TOKEN in x-lrm-test-clock; otherwise it is a 404 like any unknown path.
 */
export const POST = withRoute(
  async ({ body, request }) => {
    if (!testClockAllowed()) throw new AppError("not_found", "Page not found.");
    // Only the test run that started this server knows its token (LRM_TEST_CLOCK_TOKEN).
    const token = testClockToken();
    if (!token || request.headers.get("x-lrm-test-clock") !== token) throw new AppError("not_found", "Page not found.");
    setTestClockOffset(body.offsetMs);
    return { offsetMs: testClockOffset() };
  },
  {
    access: { public: "test-only clock, refused unless LRM_TEST_CLOCK=1 outside live mode" },
    body: z.object({
      offsetMs: z
        .number()
        .int()
        .min(0)
        .max(7 * 24 * 3_600_000),
    }),
  },
);
