import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "@/simulator/server";

let dataRoot: string;
beforeAll(async () => {
  dataRoot = await mkdtemp(path.join(tmpdir(), "simulator-store-"));
});
afterAll(async () => {
  await rm(dataRoot, { recursive: true, force: true });
});

describe("on-disk store (SIMULATOR_DATA_DIR)", () => {
  it("keeps the world across restarts, and reseeds only when told to", async () => {
    const dataDir = path.join(dataRoot, "simulator");
    const first = await startSimulator({ store: { dataDir }, config: { defaultScenario: "no-lrs" } });
    await first.context.db.insertInto("world_meta").values({ meta_key: "marker", meta_value: "kept" }).execute();
    await first.close();

    const second = await startSimulator({ store: { dataDir } });
    expect(second.context.scenario()).toBe("no-lrs");
    const marker = await second.context.db
      .selectFrom("world_meta")
      .select("meta_value")
      .where("meta_key", "=", "marker")
      .executeTakeFirst();
    expect(marker?.meta_value).toBe("kept");
    await second.close();

    const third = await startSimulator({ store: { dataDir }, config: { resetOnStart: true } });
    expect(third.context.scenario()).toBe("default");
    const lrs = await third.context.db.selectFrom("legitimate_relationships").select("lr_id").execute();
    expect(lrs.length).toBeGreaterThan(50);
    await third.close();
  }, 60_000);
});
