import { describe, expect, it } from "vitest";
import { type AssurancePolicy, assurancePolicy, checkAssurance } from "./assurance-check";

const now = 1_767_225_600;
const good = { acr: "AAL3_ANY", authentication_assurance_level: "3", id_assurance_level: "3", auth_time: now - 10 };

describe("checkAssurance", () => {
  it("accepts a fresh AAL3 smartcard sign-in and an AAL2 one under the shipped policy", () => {
    expect(checkAssurance(good, now)).toEqual({ ok: true });
    expect(checkAssurance({ ...good, acr: "AAL2_OR_AAL3_ANY", authentication_assurance_level: "2" }, now)).toEqual({ ok: true });
  });

  it.each([
    ["an acr we did not ask for", { ...good, acr: "AAL1_USERPASS" }, "acr"],
    ["a missing acr", { ...good, acr: undefined }, "acr"],
    ["AAL1", { ...good, authentication_assurance_level: "1" }, "authentication_assurance_level"],
    ["a garbled AAL", { ...good, authentication_assurance_level: "three" }, "authentication_assurance_level"],
    ["identity level 2", { ...good, id_assurance_level: "2" }, "id_assurance_level"],
    ["auth_time older than max_age", { ...good, auth_time: now - 400 }, "auth_time"],
    ["auth_time in the future", { ...good, auth_time: now + 120 }, "auth_time"],
    ["no auth_time", { ...good, auth_time: undefined }, "auth_time"],
  ] as const)("refuses %s", (_label, claims, refusal) => {
    expect(checkAssurance(claims, now)).toEqual({ ok: false, refusal });
  });

  it("allows 30 s of clock skew on auth_time", () => {
    expect(checkAssurance({ ...good, auth_time: now - assurancePolicy.maxAuthAgeSeconds - 29 }, now)).toEqual({ ok: true });
    expect(checkAssurance({ ...good, auth_time: now + 29 }, now)).toEqual({ ok: true });
  });

  it("follows the policy data (an AAL3-only policy refuses AAL2)", () => {
    const aal3Only: AssurancePolicy = { ...assurancePolicy, acceptedAcr: ["AAL3_ANY"], minAuthenticationAssuranceLevel: 3 };
    expect(checkAssurance({ ...good, acr: "AAL2_OR_AAL3_ANY", authentication_assurance_level: "2" }, now, aal3Only)).toEqual({
      ok: false,
      refusal: "acr",
    });
  });
});
