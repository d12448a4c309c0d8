import { describe, expect, it } from "vitest";
import { buildSoapRequest } from "@/lib/hl7";
import { confirmQuery } from "./lib/spine-confirm";
import { sameSoapPool } from "./request-path";

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
