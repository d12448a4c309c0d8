import { describe, expect, it } from "vitest";
import { buildSoapRequest } from "@/lib/hl7";
import type { RouteWorkPiece } from "./lib/confirm-route-work";
import { confirmQuery } from "./lib/spine-confirm";
import { createCostTable, ladderTable, routeWorkTable, sameSoapPool } from "./request-path";

describe("sameSoapPool (P1's direct requests: the app's own SOAP, a fresh MessageId each)", () => {
  it("replaces the MessageId everywhere it occurs and changes nothing else", () => {
    const message = buildSoapRequest(confirmQuery("9990010048"), {
      to: "http://127.0.0.1:1/sync-service",
      fromAddress: "http://127.0.0.1:3000",
    });
    const original = /<wsa:MessageID>uuid:([0-9A-F-]{36})</.exec(message.body)?.[1] ?? "";
    expect(original).not.toBe("");
    const occurrences = message.body.split(original).length - 1;
    expect(occurrences).toBeGreaterThanOrEqual(2);
    const pool = sameSoapPool(message.body, { soapaction: "x" }, 3);
    const ids = pool.map((post) => /<wsa:MessageID>uuid:([0-9A-F-]{36})</.exec(post.body)?.[1]);
    expect(new Set(ids).size).toBe(3);
    for (const [i, post] of pool.entries()) {
      expect(post.body).not.toContain(original);
      expect(post.body.split(ids[i]!).length - 1).toBe(occurrences);
      expect(post.body.replaceAll(ids[i]!, original)).toBe(message.body);
    }
  });

  it("refuses a body without a MessageID", () => {
    expect(() => sameSoapPool("<Envelope/>", {}, 1)).toThrow(/no MessageID/);
  });
});

describe("ladderTable (P1 step by step)", () => {
  it("takes the median of the rounds, the step-to-step difference and the floor ratio", () => {
    const table = ladderTable({
      store: "PostgreSQL",
      ladder: {
        direct: [
          { p50: 10, cpu: 0 },
          { p50: 12, cpu: 0 },
          { p50: 8, cpu: 0 },
        ],
        "/api/health/live": [
          { p50: 4, cpu: 3 },
          { p50: 5, cpu: 4 },
          { p50: 6, cpu: 5 },
        ],
        "/api/auth/session": [
          { p50: 6, cpu: 5 },
          { p50: 7, cpu: 6 },
          { p50: 9, cpu: 6 },
        ],
        confirm: [
          { p50: 18, cpu: 11 },
          { p50: 16, cpu: 10 },
          { p50: 17, cpu: 12 },
        ],
      },
    });
    expect(table.rows[0]?.[1]).toBe("10.0");
    expect(table.rows[1]?.slice(1)).toEqual(["5.0", "4.0", "—"]);
    expect(table.rows[2]?.slice(1)).toEqual(["7.0", "6.0", "+2.0"]);
    expect(table.rows[3]?.slice(1)).toEqual(["17.0", "11.0", "+10.0"]);
    expect(table.rows[4]?.[1]).toBe("1.50 ×");
  });
});

describe("routeWorkTable (P1's remaining costs, piece by piece)", () => {
  it("lists each piece and takes the confirm route above the session route apart", () => {
    const rounds = (...p50s: number[]) => p50s.map((p50) => ({ p50, cpu: 0 }));
    const piece = (key: RouteWorkPiece["key"], p50Ms: number) => ({ key, label: key, p50Ms });
    const table = routeWorkTable({
      store: "PostgreSQL",
      ladder: { direct: rounds(8, 9, 10), "/api/auth/session": rounds(5, 6, 7), confirm: rounds(20, 19, 21) },
      routeWork: [
        piece("build", 0.5),
        piece("httpApp", 9.5),
        piece("httpFetch", 9),
        piece("reply", 0.75),
        piece("wellFormed", 0.25),
        piece("audit", 1.25),
      ],
    });
    expect(table.rows.slice(0, 6).map((row) => row[1])).toEqual(["0.50", "9.50", "9.00", "0.75", "0.25", "1.25"]);
    // above the session: 20 − 6 = 14; the exchange with the app's client 9.5; own 0.5 + 0.75 + 1.25 = 2.5; rest 14 − 9.5 − 2.5 = 2
    expect(table.rows.slice(6).map((row) => row[1])).toEqual(["14.00", "9.50", "2.50", "2.00"]);
  });
});

describe("createCostTable (P2's costs per create)", () => {
  const creates = { requested: 800, oneAtATimeP50: 30, rps: 80, p50: 900, p99: 2000, answered: {}, records: 800, lost: 0, duplicated: 0 };
  const base = { appCpuPerCreateMs: 10, floorUnderLoadCpuMs: 1.5, simulatorCpuPerCreateMs: 9, loadGeneratorCpuPerCreateMs: 1, creates };

  it("splits the app's CPU into Next's floor (two requests) and its own work, adds the other processes, and bounds the rate", () => {
    const table = createCostTable({ ...base, store: "PostgreSQL", postgresCpuPerCreateMs: 4 }, 2);
    const cells = table.rows.map((row) => row.slice(1));
    expect(cells[0]).toEqual(["3.00", "0.90"]); // 2 × 1.5 ms; × 300/s = 0.9 cores
    expect(cells[1]).toEqual(["7.00", "2.10"]); // 10 − 3
    expect(cells[2]).toEqual(["4.00", "1.20"]);
    expect(cells[3]).toEqual(["9.00", "2.70"]);
    expect(cells[4]).toEqual(["1.00", "0.30"]);
    expect(cells[5]).toEqual(["24.00", "7.20"]); // 10 + 4 + 9 + 1
    expect(cells[6]?.[0]).toBe("83 /s"); // 2000 ÷ 24
    expect(cells[7]?.[0]).toBe("118 /s"); // 2000 ÷ 17
    expect(cells[8]?.[0]).toBe("80.0 /s");
  });

  it("has no PostgreSQL server row figure on PGlite (the store runs inside the app)", () => {
    const table = createCostTable(
      { ...base, store: "PGlite", appCpuPerCreateMs: 20, floorUnderLoadCpuMs: 2, simulatorCpuPerCreateMs: 10 },
      2,
    );
    expect(table.rows[2]?.slice(1)).toEqual(["—", "—"]);
    expect(table.rows[5]?.[1]).toBe("31.00"); // 20 + 10 + 1
  });
});
