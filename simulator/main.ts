import { simulatorEnvironment } from "@/simulator/config";
import { startSimulator } from "@/simulator/server";

/** `npx tsx simulator/main.ts`: the Spine simulator as its own process (env: docs/simulator.md). */
async function main(): Promise<void> {
  const environment = simulatorEnvironment(process.env);
  const simulator = await startSimulator({
    port: environment.port,
    host: environment.host,
    store: environment.store,
    config: environment.config,
  });
  console.log(
    `Spine simulator ready on ${simulator.url} (store ${environment.store.databaseUrl ? "postgres" : environment.store.inMemory ? "pglite in memory" : "pglite on disk"}, scenario ${simulator.context.scenario()}, control API ${simulator.context.config.controlEnabled ? "on" : "off"})`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Spine simulator stopping (${signal})`);
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error("Spine simulator failed to start:", error);
  process.exit(1);
});
