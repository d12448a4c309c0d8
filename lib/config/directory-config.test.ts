import { describe, expect, it } from "vitest";
import { DIRECTORY_FHIR_PATH, loadDirectoryConfig } from "./directory-config";

describe("directory configuration", () => {
  it("training default: the simulator's directory beside SPINE_BASE_URL, with bounded cache limits", () => {
    const config = loadDirectoryConfig({ SPINE_BASE_URL: "http://127.0.0.1:4555/ignored/path" });
    expect(config.baseUrl).toBe(`http://127.0.0.1:4555${DIRECTORY_FHIR_PATH}`);
    expect(config.cache).toEqual({ maxEntries: 5_000, ttlMs: 300_000 });
    expect(config.apiKey).toBeUndefined();
  });

  it("live: a real SDS directory by configuration only (https, optional API key, own cache limits)", () => {
    const config = loadDirectoryConfig({
      LR_MODE: "live",
      DIRECTORY_BASE_URL: "https://sds-directory.example.nhs.uk/FHIR/R4/",
      DIRECTORY_API_KEY: "key-from-the-vault",
      DIRECTORY_CACHE_MAX_ENTRIES: "200",
      DIRECTORY_CACHE_TTL_SECONDS: "60",
    });
    expect(config).toMatchObject({
      baseUrl: "https://sds-directory.example.nhs.uk/FHIR/R4",
      apiKey: "key-from-the-vault",
      cache: { maxEntries: 200, ttlMs: 60_000 },
    });
  });

  it("live refuses to fall back to the simulator or to plain http", () => {
    expect(() => loadDirectoryConfig({ LR_MODE: "live" })).toThrow(/DIRECTORY_BASE_URL must name/);
    expect(() => loadDirectoryConfig({ LR_MODE: "live", DIRECTORY_BASE_URL: "http://sds.example" })).toThrow(/https/);
  });

  it("refuses a cache with no room", () => {
    expect(() => loadDirectoryConfig({ DIRECTORY_CACHE_MAX_ENTRIES: "0" })).toThrow(/DIRECTORY_CACHE_MAX_ENTRIES/);
  });
});
