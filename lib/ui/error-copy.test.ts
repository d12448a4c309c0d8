import { describe, expect, it } from "vitest";
import { APP_ERROR_STATUS } from "@/lib/errors/app-error";
import { canRetry, ERROR_COPY } from "./error-copy";

describe("error copy", () => {
  it("has a title and next step for every error code the BFF can send", () => {
    for (const code of Object.keys(APP_ERROR_STATUS) as (keyof typeof APP_ERROR_STATUS)[]) {
      expect(ERROR_COPY[code].title.length).toBeGreaterThan(0);
      expect(ERROR_COPY[code].whatNext.length).toBeGreaterThan(0);
    }
  });
  it("never offers a retry for a rejection or a business error", () => {
    for (const kind of ["query", "update"] as const) {
      expect(canRetry({ code: "spine_rejected", message: "x", retryable: true }, kind)).toBe(false);
      expect(canRetry({ code: "spine_business_error", message: "x", retryable: true }, kind)).toBe(false);
    }
  });
  it("offers a retry for reads of an unavailable Spine, and for updates only when the server marked it safe", () => {
    expect(canRetry({ code: "spine_unavailable", message: "x" }, "query")).toBe(true);
    expect(canRetry({ code: "spine_timeout", message: "x" }, "update")).toBe(false);
    expect(canRetry({ code: "spine_timeout", message: "x", retryable: true }, "update")).toBe(true);
  });
});
