import { describe, expect, it } from "vitest";
import { requestHeader, USER_ID } from "@/lib/hl7/fixtures/samples";
import { buildRequest, parseRequest } from "@/lib/hl7/requests";
import type { Hl7Request } from "@/lib/hl7/types";

/** QUPC_IN010102UK01 (QUPC_MT010102UK01): parameterList[1..1]{organizationCode?, userRoleProfileID?}, then userID. */
const byUserOnly: Hl7Request = { interactionId: "QUPC_IN010102UK01", header: requestHeader, payload: { userId: USER_ID } };

describe("user role profile query", () => {
  it("writes the mandatory parameterList, empty, when only the user id is asked about", () => {
    expect(buildRequest(byUserOnly)).toMatch(
      /<query><parameterList\/><userID><value root="1\.2\.826\.0\.1285\.0\.2\.0\.65" extension="900000000001"\/>/,
    );
  });

  it("reads its own empty parameterList back as no organisation and no role profile", () => {
    expect(parseRequest(buildRequest(byUserOnly))).toEqual(byUserOnly);
  });

  it("still reads a query without parameterList (as this codec used to write)", () => {
    const without = buildRequest(byUserOnly).replace("<parameterList/>", "");
    expect(without).not.toContain("parameterList");
    expect(parseRequest(without)).toEqual(byUserOnly);
  });
});
