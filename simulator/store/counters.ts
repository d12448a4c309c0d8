import type { Kysely } from "kysely";
import type { SimulatorDatabase } from "@/simulator/store/schema";

/** Next value of a named counter (1, 2, 3 …); counters are emptied by a reset, so ids repeat per scenario. */
export async function nextCounterValue(db: Kysely<SimulatorDatabase>, counterName: string): Promise<number> {
  const row = await db
    .insertInto("counters")
    .values({ counter_name: counterName, counter_value: 1 })
    .onConflict((conflict) =>
      conflict.column("counter_name").doUpdateSet((eb) => ({ counter_value: eb("counters.counter_value", "+", 1) })),
    )
    .returning("counter_value")
    .executeTakeFirstOrThrow();
  return row.counter_value;
}
