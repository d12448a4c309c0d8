import "server-only";
import { type AppConfig, loadConfig } from "@/lib/config/app-config";

let cached: AppConfig | undefined;

/** The BFF's typed configuration, parsed once from the environment. */
export function config(): AppConfig {
  cached ??= loadConfig(process.env);
  return cached;
}
