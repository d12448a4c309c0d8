/**
 * The Spine simulator in a process of its own, for bench/request-path.ts: under load the
 * simulator's store and journal must not share a thread with the load generator, or the bench
 * measures itself. Arguments: the BFF inbound URL, its credential header and value, and how many
 * bench patients to add to PDS from which synthetic seed number. Control API on (the bench reads
 * Spine's LR records through it). Prints one JSON line ({ url }) when listening; closes on SIGTERM.
 */
import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { startSimulator } from "@/simulator/server";

async function main(): Promise<void> {
  const [inboundUrl, header, value, first, count] = process.argv.slice(2);
  if (!inboundUrl || !header || !value || !first || !count) {
    throw new Error("usage: request-path-simulator-process <inboundUrl> <authHeader> <authValue> <firstPatientSeed> <patients>");
  }
  const simulator = await startSimulator({
    store: { inMemory: true },
    config: {
      controlEnabled: true,
      defaultScenario: "no-lrs",
      bffInboundUrl: inboundUrl,
      bffInboundAuth: { header, value },
      async: { replyDelayMs: 0, ackTimeoutMs: 5_000 },
    },
  });
  const numbers = [...new Set(Array.from({ length: Number(count) }, (_, i) => syntheticNhsNumber(Number(first) + i)))];
  for (let from = 0; from < numbers.length; from += 1_000) {
    await simulator.context.db
      .insertInto("patients")
      .values(
        numbers.slice(from, from + 1_000).map((nhsNumber, i) => ({
          nhs_number: nhsNumber,
          given_name: "Bench",
          family_name: `PATIENT${from + i}`,
          birth_date: "1980-01-01",
          gender: "unknown" as const,
          deceased_at: null,
          notable: null,
        })),
      )
      .execute();
  }
  process.stdout.write(`${JSON.stringify({ url: simulator.url, patients: numbers })}\n`);
  process.on("SIGTERM", () => {
    void simulator.close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
