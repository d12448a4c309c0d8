import { describe, expect, it } from "vitest";
import { setZodJitless } from "./zod-jitless";

describe("setZodJitless", () => {
  it("is what zod reads: its config says jitless, and schemas still parse", async () => {
    setZodJitless();
    const { z } = await import("zod");
    expect(z.config().jitless).toBe(true);
    expect(z.object({ n: z.number() }).parse({ n: 1 })).toEqual({ n: 1 });
  });
});
