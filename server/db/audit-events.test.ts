import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { storeForSuite, testBackends } from "@/lib/store/test-backends";
import { appendAuditEvent, listAuditEvents } from "./audit-events";
import { appMigrations } from "./migrations";
import type { Database } from "./schema";

describe.each(testBackends())("audit events on $name", (backend) => {
  const store = storeForSuite<Database>(backend, appMigrations);

  it("appends an event and lists it back, newest first, filtered by patient and by actor", async () => {
    const actorSub = `9000${randomUUID().slice(0, 8)}`;
    const nhsNumber = syntheticNhsNumber(101);
    const otherPatient = syntheticNhsNumber(102);
    const first = await appendAuditEvent(store.db, {
      action: "lr.create",
      outcome: "success",
      actorSub,
      roleId: "900000000101",
      nhsNumber: `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`,
      details: { spineMessageId: "5B1B3E2A-0C5F-4E1B-9D8B-3B2F0F6A1C11", relationshipType: "self-claimed" },
      requestId: "req-1",
      at: new Date("2026-11-25T09:00:00Z"),
    });
    expect(typeof first.id).toBe("number");
    expect(first.nhsNumber).toBe(nhsNumber);
    const second = await appendAuditEvent(store.db, { action: "lr.view", outcome: "denied", actorSub, nhsNumber });
    await appendAuditEvent(store.db, { action: "lr.view", outcome: "success", actorSub, nhsNumber: otherPatient });

    const forPatient = await listAuditEvents(store.db, { nhsNumber, actorSub });
    expect(forPatient.map((event) => event.id)).toEqual([second.id, first.id]);
    expect(forPatient[1]).toEqual(first);
    expect(forPatient[1]?.details).toEqual({
      spineMessageId: "5B1B3E2A-0C5F-4E1B-9D8B-3B2F0F6A1C11",
      relationshipType: "self-claimed",
    });
    expect(await listAuditEvents(store.db, { actorSub, action: "lr.view" })).toHaveLength(2);
    const page = await listAuditEvents(store.db, { actorSub, limit: 1 });
    expect(page).toHaveLength(1);
    const nextPage = await listAuditEvents(store.db, { actorSub, limit: 5, beforeId: page[0]?.id });
    expect(nextPage.map((event) => event.id)).toEqual([second.id, first.id]);
  });

  it("is append-only: UPDATE, DELETE and TRUNCATE are refused by the database", async () => {
    const event = await appendAuditEvent(store.db, { action: "signin", outcome: "success", actorSub: "900000000001" });
    await expect(store.db.updateTable("audit_events").set({ outcome: "failure" }).where("id", "=", event.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(store.db.deleteFrom("audit_events").where("id", "=", event.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(store.db)).rejects.toThrow(/append-only/);
    const [stillThere] = await listAuditEvents(store.db, { actorSub: "900000000001", action: "signin" });
    expect(stillThere).toEqual(event);
  });

  it("rejects an NHS number that is not ten digits and an unknown outcome", async () => {
    await expect(appendAuditEvent(store.db, { action: "lr.view", outcome: "success", nhsNumber: "12345" })).rejects.toThrow();
    await expect(sql`insert into audit_events (at, action, outcome) values (now(), 'x', 'maybe')`.execute(store.db)).rejects.toThrow();
  });
});
