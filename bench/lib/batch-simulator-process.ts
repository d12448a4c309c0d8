/**
 * The Spine simulator in a process of its own, for bench/batch-check.ts: the bench's event-loop
 * and memory figures must be the app's alone, not the app's plus the simulator's. Started with the
 * BFF inbound URL and credential as arguments; prints one JSON line ({ url, asid, partyKey }) when
 * it is listening, and closes on SIGTERM.
 */
import { startSimulator } from "@/simulator/server";

async function main(): Promise<void> {
  const [inboundUrl, header, value] = process.argv.slice(2);
  if (!inboundUrl || !header || !value) throw new Error("usage: batch-simulator-process <inboundUrl> <authHeader> <authValue>");
  const simulator = await startSimulator({
    store: { inMemory: true },
    config: { controlEnabled: false, bffInboundUrl: inboundUrl, bffInboundAuth: { header, value }, async: { replyDelayMs: 0 } },
  });
  const { asid, partyKey } = simulator.context.config.spine;
  process.stdout.write(`${JSON.stringify({ url: simulator.url, asid, partyKey })}\n`);
  process.on("SIGTERM", () => {
    void simulator.close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
