/**
 * `npx tsx cis2/main.ts`: run the CIS2 stand-in as its own process (see cis2/README.md for env).
 * No top-level await: the repo's .ts files load as CommonJS under tsx.
 */
import { optionsFromEnv } from "./config";
import { startCis2StandIn } from "./server";

async function main(): Promise<void> {
  const standIn = await startCis2StandIn(optionsFromEnv());
  process.stdout.write(`cis2 stand-in ready at ${standIn.issuer}\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`cis2 stand-in stopping (${signal})\n`);
    standIn.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`cis2 stand-in: error while closing: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(`cis2 stand-in failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
