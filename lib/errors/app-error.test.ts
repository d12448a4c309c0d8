import { describe, expect, it } from "vitest";
import { AppError, isAppError } from "./app-error";
import { errorBrand } from "./brand";

describe("AppError", () => {
  it("maps codes to HTTP statuses and a body without internals", () => {
    const error = new AppError("spine_timeout", "Spine did not answer in time.", {
      reference: "ABC",
      retryable: true,
      cause: new Error("socket hang up"),
    });
    expect(error.status).toBe(504);
    expect(error.toBody()).toEqual({
      error: { code: "spine_timeout", message: "Spine did not answer in time.", reference: "ABC", retryable: true },
    });
    expect(JSON.stringify(error.toBody())).not.toContain("socket");
  });
  it("is recognised across module copies by its brand, not instanceof", () => {
    // What a second bundled copy of the class produces: same registry symbol, different prototype.
    const fromOtherBundle = Object.assign(new Error("x"), { [errorBrand("AppError")]: true, code: "forbidden" });
    expect(fromOtherBundle instanceof AppError).toBe(false);
    expect(isAppError(fromOtherBundle)).toBe(true);
    expect(isAppError(new Error("plain"))).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});
