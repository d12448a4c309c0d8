import "server-only";
import { type AppConfig, loadConfig } from "@/lib/config/app-config";
import { type DirectoryConfig, loadDirectoryConfig } from "@/lib/config/directory-config";

/**
 * The app's one reader of the process environment (biome's noProcessEnv enforces it): the typed
 * configuration, parsed once; the log level (read alone, so logging works even while a bad
 * configuration is being reported); and the raw environment for the few settings that take an
 * environment map so tests can pass their own (the store location, the e2e test clock).
 */
let cached: AppConfig | undefined;

export function config(): AppConfig {
  cached ??= loadConfig(process.env);
  return cached;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export function logLevel(): (typeof LOG_LEVELS)[number] {
  const level = process.env.LOG_LEVEL;
  return (LOG_LEVELS as readonly string[]).includes(level ?? "") ? (level as (typeof LOG_LEVELS)[number]) : "info";
}

export function environment(): Readonly<Record<string, string | undefined>> {
  return process.env;
}

let cachedDirectory: DirectoryConfig | undefined;

/** The SDS directory's address and cache limits (lib/config/directory-config.ts), parsed once. */
export function directoryConfig(): DirectoryConfig {
  cachedDirectory ??= loadDirectoryConfig(process.env);
  return cachedDirectory;
}
