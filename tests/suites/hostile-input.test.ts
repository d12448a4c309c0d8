import { randomUUID } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { ordinaryNhsNumbers } from "@/simulator/seed/patients";
import { AppClient } from "@/tests/support/app-client";
import { withWrongCheckDigit } from "@/tests/support/batch-patients";
import { type LiveStack, rowCounts, startLiveStack } from "@/tests/support/live-stack";

/**
 * Issue 16 point 4: hostile input against the real server (`next start` of the production build,
 * on PostgreSQL, with the Spine simulator and the CIS2 stand-in): XML bombs, 20 MB bodies with and
 * without Content-Length (the framework must not truncate a chunked body into something the route
 * accepts), deep nesting, forged form fields, cross-origin POSTs, bad NHS numbers and oversized
 * CSV uploads. Every one gets its exact 4xx, and nothing changes: the row count of every app table,
 * the revoked sessions, and what Spine holds and received are the same before and after.
 * (e2e/body-caps.spec.ts checks the same 20 MB bodies on the e2e stack's Spine inbound route.)
 */
const GP = "900000000001";
const NURSE = { uid: "900000000002", roleId: "900000000201" };
const TWENTY_MB = 20 * 1024 * 1024;
const patients = ordinaryNhsNumbers();
const PATIENT = patients[0]!;

let stack: LiveStack;
let gp: AppClient;
let nurse: AppClient;

beforeAll(async () => {
  stack = await startLiveStack({ label: "hostile_input", instances: ["app"] });
  gp = new AppClient(stack.publicUrl);
  nurse = new AppClient(stack.publicUrl);
  await gp.signIn(GP);
  await nurse.signIn(NURSE.uid, { roleId: NURSE.roleId });
  // What a user does before submitting a form: open the patient (this also looks up the role's workgroups in SDS).
  for (const client of [gp, nurse]) expect((await client.get(`/api/patients/${PATIENT}/lrs`)).status).toBe(200);
}, 240_000);

afterAll(async () => {
  await stack?.close();
}, 60_000);

interface Snapshot {
  rows: Record<string, number>;
  revokedSessions: number;
  spineLrs: number;
  spineReceived: number;
}

async function snapshot(): Promise<Snapshot> {
  const revoked = await stack.store.db
    .selectFrom("sessions")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("revoked_at", "is not", null)
    .executeTakeFirstOrThrow();
  return {
    rows: await rowCounts(stack.store),
    revokedSessions: Number(revoked.n),
    spineLrs: (await stack.spine.lrs("")).length,
    spineReceived: (await stack.spine.messages({ direction: "inbound" })).length,
  };
}

/** A body of `size` bytes streamed in 64 KB chunks, chunked or with its length declared; the status the server answers. */
function bigPost(path: string, headers: Record<string, string>, size: number, options: { chunked: boolean }): Promise<number> {
  const url = new URL(path, stack.publicUrl);
  const chunk = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        headers: { ...headers, ...(options.chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(size) }) },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    // The server may answer and close before the whole body is sent: that is the point.
    request.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error),
    );
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!request.write(chunk)) return request.once("drain", pump);
      }
      request.end();
    };
    pump();
  });
}

const origin = () => new URL(stack.publicUrl).origin;
const spineCaller = () => ({ [stack.spineInboundAuth.header]: stack.spineInboundAuth.value });
const cookieOf = (client: AppClient, path: string) => ({ cookie: client.jar.header(new URL(path, stack.publicUrl)) });

async function postText(client: AppClient | undefined, path: string, body: BodyInit, headers: Record<string, string>): Promise<number> {
  const response = client
    ? await client.raw(path, { method: "POST", headers, body })
    : await fetch(new URL(path, stack.publicUrl), { method: "POST", headers, body });
  await response.arrayBuffer();
  return response.status;
}

const validClaim = () => ({
  lrType: "01",
  accessReasonCode: "04",
  accessReasonText: "Seen in clinic",
  subject: { kind: "self" },
  idempotencyKey: randomUUID(),
});
const claimPath = `/api/patients/${PATIENT}/lrs`;
const json = { "content-type": "application/json" };

const LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
  { length: 9 },
  (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`,
).join("")}]><lolz>&lol9;</lolz>`;
const XXE = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`;
const DEEP_XML = `${"<a>".repeat(200_000)}${"</a>".repeat(200_000)}`;
const multipartOf = (xml: string) =>
  `--x\r\nContent-Type: text/xml; charset=UTF-8\r\n\r\n${xml}\r\n--x\r\nContent-Type: application/xml\r\n\r\n${xml}\r\n--x--\r\n`;

function batchForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}
const csvRows = (n: number) => `NHS number\n${Array.from({ length: n }, (_, i) => patients[i % patients.length]).join("\n")}\n`;

interface HostileCase {
  group: string;
  name: string;
  expected: number;
  send: () => Promise<number>;
}

const cases: HostileCase[] = [
  // XML bombs: to the Spine inbound route with Spine's credential, so the body really is read and parsed.
  {
    group: "XML bomb",
    name: "billion laughs (DOCTYPE + nested entities)",
    expected: 400,
    send: () => postText(undefined, "/api/spine/inbound", LAUGHS, { "content-type": "text/xml", ...spineCaller() }),
  },
  {
    group: "XML bomb",
    name: "billion laughs in an ebXML multipart",
    expected: 400,
    send: () =>
      postText(undefined, "/api/spine/inbound", multipartOf(LAUGHS), {
        "content-type": 'multipart/related; boundary="x"; type="text/xml"',
        ...spineCaller(),
      }),
  },
  {
    group: "XML bomb",
    name: "external entity (XXE file:///etc/passwd)",
    expected: 400,
    send: () => postText(undefined, "/api/spine/inbound", XXE, { "content-type": "text/xml", ...spineCaller() }),
  },
  {
    group: "deep nesting",
    name: "XML nested 200,000 deep (1.4 MB)",
    expected: 400,
    send: () => postText(undefined, "/api/spine/inbound", DEEP_XML, { "content-type": "text/xml", ...spineCaller() }),
  },
  {
    group: "deep nesting",
    name: "JSON arrays nested 30,000 deep",
    expected: 422,
    send: () => postText(gp, claimPath, `${"[".repeat(30_000)}${"]".repeat(30_000)}`, { ...json, origin: origin() }),
  },
  {
    group: "deep nesting",
    name: "JSON objects nested 10,000 deep in a field",
    expected: 422,
    send: () =>
      postText(gp, claimPath, `{"lrType":"01","accessReasonText":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}`, {
        ...json,
        origin: origin(),
      }),
  },
  // 20 MB bodies, with and without Content-Length.
  {
    group: "20 MB body",
    name: "Spine inbound, chunked (no Content-Length)",
    expected: 413,
    send: () =>
      bigPost("/api/spine/inbound", { "content-type": 'multipart/related; boundary="x"', ...spineCaller() }, TWENTY_MB, { chunked: true }),
  },
  {
    group: "20 MB body",
    name: "Spine inbound, Content-Length declared",
    expected: 413,
    send: () =>
      bigPost("/api/spine/inbound", { "content-type": 'multipart/related; boundary="x"', ...spineCaller() }, TWENTY_MB, { chunked: false }),
  },
  {
    group: "20 MB body",
    name: "self-claim JSON, chunked",
    expected: 413,
    send: () => bigPost(claimPath, { ...json, origin: origin(), ...cookieOf(gp, claimPath) }, TWENTY_MB, { chunked: true }),
  },
  {
    group: "20 MB body",
    name: "self-claim JSON, Content-Length declared",
    expected: 413,
    send: () => bigPost(claimPath, { ...json, origin: origin(), ...cookieOf(gp, claimPath) }, TWENTY_MB, { chunked: false }),
  },
  {
    group: "20 MB body",
    name: "batch check upload, chunked",
    expected: 413,
    send: () =>
      bigPost(
        "/api/batch-checks",
        { "content-type": "multipart/form-data; boundary=x", origin: origin(), ...cookieOf(gp, "/api/batch-checks") },
        TWENTY_MB,
        { chunked: true },
      ),
  },
  {
    group: "20 MB body",
    name: "back-channel logout form, chunked",
    expected: 413,
    send: () =>
      bigPost("/api/auth/backchannel-logout", { "content-type": "application/x-www-form-urlencoded" }, TWENTY_MB, { chunked: true }),
  },
  // Forged form fields: what the page never offers, sent anyway.
  {
    group: "forged field",
    name: "self-claim-only role sends lrType 01 (needs lr.create)",
    expected: 403,
    send: () => postText(nurse, claimPath, JSON.stringify(validClaim()), { ...json, origin: origin() }),
  },
  {
    group: "forged field",
    name: "claim for a workgroup the role is not in",
    expected: 422,
    send: () =>
      postText(gp, claimPath, JSON.stringify({ ...validClaim(), subject: { kind: "workgroup", workgroupId: "900000000502" } }), {
        ...json,
        origin: origin(),
      }),
  },
  {
    group: "forged field",
    name: "subject names another user",
    expected: 422,
    send: () =>
      postText(gp, claimPath, JSON.stringify({ ...validClaim(), subject: { kind: "user", userId: "900000000003" } }), {
        ...json,
        origin: origin(),
      }),
  },
  {
    group: "forged field",
    name: "fields smuggled under __proto__",
    expected: 422,
    send: () => postText(gp, claimPath, `{"__proto__":${JSON.stringify(validClaim())}}`, { ...json, origin: origin() }),
  },
  {
    group: "forged field",
    name: "idempotency key that is not a UUID",
    expected: 422,
    send: () => postText(gp, claimPath, JSON.stringify({ ...validClaim(), idempotencyKey: "' or 1=1 --" }), { ...json, origin: origin() }),
  },
  {
    group: "forged field",
    name: "status change with an unknown reason code",
    expected: 422,
    send: () =>
      postText(
        gp,
        "/api/lrs/LR0000000000000001AB/status",
        JSON.stringify({ nhsNumber: PATIENT, reasonCode: "99", idempotencyKey: randomUUID() }),
        {
          ...json,
          origin: origin(),
        },
      ),
  },
  {
    group: "forged field",
    name: "batch check for a workgroup the role is not in",
    expected: 422,
    send: () =>
      postText(gp, "/api/batch-checks", batchForm({ pasted: PATIENT, subject: "workgroup", workgroupId: "900000000502" }), {
        origin: origin(),
      }),
  },
  {
    group: "forged field",
    name: "back-channel logout with a forged (unsigned) token",
    expected: 400,
    send: () =>
      postText(
        undefined,
        "/api/auth/backchannel-logout",
        new URLSearchParams({
          logout_token: `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ sub: GP, events: {} })).toString("base64url")}.`,
        }),
        { "content-type": "application/x-www-form-urlencoded" },
      ),
  },
  {
    group: "forged field",
    name: "wrong content type for a JSON route",
    expected: 415,
    send: () => postText(gp, claimPath, JSON.stringify(validClaim()), { "content-type": "text/plain", origin: origin() }),
  },
  // Cross-origin POSTs, each otherwise a valid request with the victim's cookies.
  {
    group: "cross-origin",
    name: "self-claim from another site (Origin http://evil.example)",
    expected: 403,
    send: () => postText(gp, claimPath, JSON.stringify(validClaim()), { ...json, origin: "http://evil.example" }),
  },
  {
    group: "cross-origin",
    name: "self-claim from the same host, another port (CIS2's origin)",
    expected: 403,
    send: () => postText(gp, claimPath, JSON.stringify(validClaim()), { ...json, origin: new URL(stack.cis2.url).origin }),
  },
  {
    group: "cross-origin",
    name: "self-claim with no Origin, Sec-Fetch-Site: cross-site",
    expected: 403,
    send: () => postText(gp, claimPath, JSON.stringify(validClaim()), { ...json, "sec-fetch-site": "cross-site" }),
  },
  {
    group: "cross-origin",
    name: "self-claim with Origin: null and no Sec-Fetch-Site",
    expected: 403,
    send: () => postText(gp, claimPath, JSON.stringify(validClaim()), { ...json, origin: "null" }),
  },
  {
    group: "cross-origin",
    name: "emergency access from another site",
    expected: 403,
    send: () =>
      postText(gp, `/api/patients/${PATIENT}/emergency-access`, JSON.stringify({ dissentOverride: "4", reasonText: "Collapsed" }), {
        ...json,
        origin: "http://evil.example",
      }),
  },
  {
    group: "cross-origin",
    name: "log out from another site",
    expected: 403,
    send: () => postText(gp, "/api/auth/logout", "", { origin: "http://evil.example", "sec-fetch-site": "cross-site" }),
  },
  // Bad NHS numbers, in the path and in the body.
  {
    group: "bad NHS number",
    name: "wrong check digit (path)",
    expected: 422,
    send: async () => (await gp.get(`/api/patients/${withWrongCheckDigit(PATIENT)}/lrs`)).status,
  },
  {
    group: "bad NHS number",
    name: "letters (path)",
    expected: 422,
    send: async () => (await gp.get("/api/patients/99900ABCDE/lrs")).status,
  },
  {
    group: "bad NHS number",
    name: "11 digits (path)",
    expected: 422,
    send: async () => (await gp.get(`/api/patients/${PATIENT}1/lrs`)).status,
  },
  {
    group: "bad NHS number",
    name: "encoded traversal (path)",
    expected: 422,
    send: async () => (await gp.get("/api/patients/..%2F..%2Fetc%2Fpasswd/lrs")).status,
  },
  {
    group: "bad NHS number",
    name: "wrong check digit (self-claim)",
    expected: 422,
    send: () =>
      postText(gp, `/api/patients/${withWrongCheckDigit(PATIENT)}/lrs`, JSON.stringify(validClaim()), { ...json, origin: origin() }),
  },
  {
    group: "bad NHS number",
    name: "wrong check digit (status change body)",
    expected: 422,
    send: () =>
      postText(
        gp,
        "/api/lrs/LR0000000000000001AB/status",
        JSON.stringify({ nhsNumber: withWrongCheckDigit(syntheticNhsNumber(1003)), reasonCode: "06", idempotencyKey: randomUUID() }),
        { ...json, origin: origin() },
      ),
  },
  // Oversized and malformed CSV for the batch check.
  {
    group: "oversized CSV",
    name: "5 MB file (cap 4 MB)",
    expected: 413,
    send: () =>
      postText(
        gp,
        "/api/batch-checks",
        batchForm({ list: `NHS number\n${`${PATIENT}\n`.repeat(480_000)}`, fileName: "big.csv", subject: "self" }),
        {
          origin: origin(),
        },
      ),
  },
  {
    group: "oversized CSV",
    name: "10,001 rows (limit 10,000)",
    expected: 422,
    send: () =>
      postText(gp, "/api/batch-checks", batchForm({ list: csvRows(10_001), fileName: "rows.csv", subject: "self" }), { origin: origin() }),
  },
  {
    group: "oversized CSV",
    name: "51 columns (limit 50)",
    expected: 422,
    send: () =>
      postText(gp, "/api/batch-checks", batchForm({ list: `${PATIENT}${",x".repeat(50)}\n`, fileName: "wide.csv", subject: "self" }), {
        origin: origin(),
      }),
  },
  {
    group: "oversized CSV",
    name: "a quote never closed",
    expected: 422,
    send: () =>
      postText(gp, "/api/batch-checks", batchForm({ list: `NHS number\n"${PATIENT}\n`, fileName: "quote.csv", subject: "self" }), {
        origin: origin(),
      }),
  },
];

describe("hostile input", () => {
  it(`${cases.length} hostile requests each get their 4xx, and the store and Spine are unchanged`, async () => {
    const before = await snapshot();
    const results: { group: string; case: string; expected: number; status: number }[] = [];
    for (const hostile of cases) {
      results.push({ group: hostile.group, case: hostile.name, expected: hostile.expected, status: await hostile.send() });
    }
    const after = await snapshot();
    console.log("[hostile-input] request → HTTP status:");
    console.table(results);
    console.log("[hostile-input] store before → after:");
    console.table(
      Object.fromEntries([
        ...Object.keys(before.rows).map((table) => [`rows: ${table}`, { before: before.rows[table], after: after.rows[table] }] as const),
        ["revoked sessions", { before: before.revokedSessions, after: after.revokedSessions }],
        ["Spine LRs", { before: before.spineLrs, after: after.spineLrs }],
        ["Spine messages received", { before: before.spineReceived, after: after.spineReceived }],
      ]),
    );
    expect(results.map((r) => `${r.case}: ${r.status}`)).toEqual(results.map((r) => `${r.case}: ${r.expected}`));
    expect(after).toEqual(before);
    // The forged and cross-origin logouts ended nothing: both users are still signed in.
    for (const client of [gp, nurse]) expect((await client.get<{ signedIn: boolean }>("/api/auth/session")).body.signedIn).toBe(true);
  }, 240_000);
});
