import { describe, expect, it, vi } from "vitest";
import { LOAD_FAILED_FIELD, LOAD_FAILED_MESSAGE, loadOnDemand } from "./load-on-demand";

describe("loadOnDemand", () => {
  it("gives what was loaded and reports nothing", async () => {
    const report = vi.fn();
    await expect(loadOnDemand(async () => ({ schema: 1 }), report)).resolves.toEqual({ schema: 1 });
    expect(report).not.toHaveBeenCalled();
  });

  it("reports a code that could not be fetched as the step's error, and gives nothing", async () => {
    const report = vi.fn();
    const chunkLoadError = Object.assign(new Error("Loading chunk 123 failed."), { name: "ChunkLoadError" });
    await expect(loadOnDemand(() => Promise.reject(chunkLoadError), report)).resolves.toBeUndefined();
    expect(report).toHaveBeenCalledExactlyOnceWith({ [LOAD_FAILED_FIELD]: LOAD_FAILED_MESSAGE });
  });
});
