import "server-only";
import pino, { type Logger } from "pino";
import { maskNhsNumbers, maskNhsNumbersDeep } from "@/lib/log/mask-nhs-numbers";
import { logLevel } from "@/server/config";

/** Structured JSON logs (pino) with NHS numbers masked in every field and message. */
function createLogger(): Logger {
  return pino({
    level: logLevel(),
    base: { service: "lr-manager-bff" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => maskNhsNumbersDeep(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === "string" ? maskNhsNumbers(a) : a));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
  });
}

const globalForLogger = globalThis as unknown as { lrmLogger?: Logger };
export const logger: Logger = globalForLogger.lrmLogger ?? createLogger();
globalForLogger.lrmLogger = logger;

export function requestLogger(requestId: string): Logger {
  return logger.child({ requestId });
}
