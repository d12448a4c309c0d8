import { describe, expect, it } from "vitest";
import { StandInStore } from "./memory-store";

describe("StandInStore", () => {
  it("expires entries by their TTL", async () => {
    let now = 1_000_000;
    const store = new StandInStore(() => now);
    const codes = store.adapterFor("AuthorizationCode");
    await codes.upsert("code-1", { grantId: "g1" }, 60);
    expect(await codes.find("code-1")).toEqual({ grantId: "g1" });
    now += 60_001;
    expect(await codes.find("code-1")).toBeUndefined();
  });

  it("finds sessions by sub or by an RP sid, and ignores anonymous ones", async () => {
    const store = new StandInStore();
    const sessions = store.adapterFor("Session");
    await sessions.upsert(
      "s1",
      { uid: "u1", accountId: "900000000002", authorizations: { "lr-manager": { sid: "sid-a", grantId: "g1" } } },
      600,
    );
    await sessions.upsert("s2", { uid: "u2", accountId: "900000000001", authorizations: { "lr-manager": { sid: "sid-b" } } }, 600);
    await sessions.upsert("s3", { uid: "u3" }, 600);
    expect(store.findSessions({ sub: "900000000002" }).map((s) => s.sessionId)).toEqual(["s1"]);
    expect(store.findSessions({ sid: "sid-b" }).map((s) => s.sessionId)).toEqual(["s2"]);
    expect(store.findSessions({ sid: "nope" })).toEqual([]);
    expect(store.findAllSessions()).toHaveLength(2);
    expect(await sessions.findByUid("u2")).toMatchObject({ accountId: "900000000001" });
  });

  it("revokes every token of a grant and keeps others", async () => {
    const store = new StandInStore();
    const tokens = store.adapterFor("AccessToken");
    await tokens.upsert("t1", { grantId: "g1" }, 600);
    await tokens.upsert("t2", { grantId: "g2" }, 600);
    await tokens.revokeByGrantId("g1");
    expect(await tokens.find("t1")).toBeUndefined();
    expect(await tokens.find("t2")).toBeDefined();
  });

  it("remembers the role per grant and the pending login per interaction", () => {
    let now = 0;
    const store = new StandInStore(() => now);
    store.rememberSelectedRole("g1", "900000000201");
    expect(store.selectedRoleFor("g1")).toBe("900000000201");
    expect(store.selectedRoleFor(undefined)).toBeUndefined();
    store.setPendingLogin("i1", "900000000002", "AAL3_ANY");
    expect(store.pendingLogin("i1")).toEqual({ accountId: "900000000002", acr: "AAL3_ANY" });
    now += 10 * 60_000;
    expect(store.pendingLogin("i1")).toBeUndefined();
  });
});
