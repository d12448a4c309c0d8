import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { asNhsNumber, syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import type { Permission } from "@/lib/rbac/permission-names";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import type { AuditChainVerification, AuditTrailPage } from "@/lib/schemas/audit-trail";
import { jsonb } from "@/lib/store/jsonb";

/**
 * The audit trail viewer's routes, driven as the browser drives them (a real Request with a real
 * session cookie, an in-memory store): a privacy officer sees only their own organisation's
 * events, a system administrator every organisation's; the filters, keyset paging both ways, the
 * streamed CSV export of the whole filtered set, and the verify route naming a tampered row.
 */

const APP_BASE_URL = "http://127.0.0.1:3998";
const UNREACHABLE = "http://127.0.0.1:9";
Object.assign(process.env, {
  APP_BASE_URL,
  SESSION_PASSWORD: "audit-viewer-session-password-0123456789abcdef",
  APP_DB_IN_MEMORY: "1",
  LOG_LEVEL: "silent",
  SPINE_BASE_URL: UNREACHABLE,
  PDS_BASE_URL: `${UNREACHABLE}/personal-demographics/FHIR/R4`,
  CIS2_ISSUER: `${UNREACHABLE}/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare`,
});

const { getDb } = await import("@/server/db/client");
const { createSession } = await import("@/server/db/sessions");
const { sessionCookieHeader } = await import("@/server/auth/session-cookie");
const { recordAudit } = await import("@/server/audit/record-audit");
const events = await import("@/app/api/audit/events/route");
const exporter = await import("@/app/api/audit/export/route");
const verify = await import("@/app/api/audit/verify/route");

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const OWN_ORG = "ZZH";
const OTHER_ORG = "ZZB";
const GP = { sub: "900000000001", roleProfileId: "900000000101", orgCode: OWN_ORG };
const NURSE = { sub: "900000000002", roleProfileId: "900000000201", orgCode: OWN_ORG };
const ELSEWHERE = { sub: "900000000006", roleProfileId: "900000000601", orgCode: OTHER_ORG };
const PATIENT = syntheticNhsNumber(801);
const OTHER_PATIENT = syntheticNhsNumber(802);

async function cookieFor(sub: string, orgCode: string, permissions: Permission[]): Promise<string> {
  const { db } = await getDb();
  const session = await createSession(db, {
    sub,
    sid: `sid-${randomUUID()}`,
    selectedRoleId: `${sub.slice(0, 9)}999`,
    roleSnapshot: { roleProfileId: `${sub.slice(0, 9)}999`, orgCode, activityCodes: [] },
    permissions,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  return (await sessionCookieHeader(session.id)).split(";")[0] ?? "";
}

async function call(handler: Handler, cookie: string, path: string, method: "GET" | "POST" = "GET"): Promise<Response> {
  const headers = new Headers({ cookie });
  if (method === "POST") headers.set("origin", APP_BASE_URL);
  return handler(new Request(new URL(path, APP_BASE_URL), { method, headers }), { params: Promise.resolve({}) });
}

async function search(cookie: string, query = ""): Promise<AuditTrailPage> {
  const response = await call(events.GET as Handler, cookie, `/api/audit/events${query ? `?${query}` : ""}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as AuditTrailPage;
}

/** The body as sent, byte-order mark included (Response.text() would drop it). */
async function csvText(response: Response): Promise<string> {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  expect(text.startsWith("\uFEFF"), "UTF-8 byte-order mark").toBe(true);
  return text;
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

let po: string;
let admin: string;
let clerk: string;

beforeAll(async () => {
  const { db } = await getDb();
  po = await cookieFor("900000000003", OWN_ORG, ["lr.viewComplete", "po.alerts", "audit.view"]);
  admin = await cookieFor("900000000008", "ZZA", ["audit.view", "audit.viewAll", "training.admin"]);
  clerk = await cookieFor("900000000005", OWN_ORG, []);
  const at = (day: number, hour: number) => new Date(Date.UTC(2026, 6, day, hour, 30)); // July: UK summer time (UTC+1)
  await recordAudit({ action: AUDIT_ACTIONS.patientViewed, outcome: "success", actor: GP, nhsNumber: asNhsNumber(PATIENT) }, db);
  for (let n = 0; n < 60; n++) {
    await db
      .insertInto("audit_events")
      .values({
        at: at(1 + (n % 3), 12),
        actor_sub: n % 2 === 0 ? GP.sub : NURSE.sub,
        role_id: n % 2 === 0 ? GP.roleProfileId : NURSE.roleProfileId,
        org_code: OWN_ORG,
        action: n % 4 === 0 ? AUDIT_ACTIONS.emergencyAccess : AUDIT_ACTIONS.patientViewed,
        nhs_number: n % 5 === 0 ? PATIENT : OTHER_PATIENT,
        outcome: n % 6 === 0 ? "failure" : "success",
        details: jsonb({ reason: `n=${n}, "quoted", line\nbreak`, n }),
        request_id: `seed-${n}`,
      })
      .execute();
  }
  // 23:30 UTC on 3 July is 00:30 on 4 July in UK time.
  await db
    .insertInto("audit_events")
    .values({
      at: at(3, 23),
      actor_sub: GP.sub,
      org_code: OWN_ORG,
      action: AUDIT_ACTIONS.signIn,
      outcome: "success",
      details: jsonb({}),
    })
    .execute();
  await recordAudit({ action: AUDIT_ACTIONS.patientViewed, outcome: "success", actor: ELSEWHERE, nhsNumber: asNhsNumber(PATIENT) }, db);
  await recordAudit({ action: AUDIT_ACTIONS.signInRefused, outcome: "denied", actor: null, details: { reason: "no role" } }, db);
});

describe("audit trail viewer: scope", () => {
  it("shows a privacy officer only their own organisation's events, even for another organisation's user or patient", async () => {
    const page = await search(po, "pageSize=100");
    expect(page.scope).toEqual({ kind: "organisation", orgCode: OWN_ORG });
    expect(page.events.length).toBeGreaterThanOrEqual(62);
    expect(new Set(page.events.map((event) => event.orgCode))).toEqual(new Set([OWN_ORG]));
    expect((await search(po, `userId=${ELSEWHERE.sub}`)).events).toEqual([]);
    const patient = await search(po, `nhsNumber=${PATIENT}&pageSize=100`);
    expect(patient.events.every((event) => event.nhsNumber === PATIENT && event.orgCode === OWN_ORG)).toBe(true);
  });

  it("shows a system administrator every organisation's events, including those with none", async () => {
    const page = await search(admin, `nhsNumber=${PATIENT}&pageSize=100`);
    expect(page.scope).toEqual({ kind: "all" });
    expect(page.events.some((event) => event.orgCode === OTHER_ORG)).toBe(true);
    const refused = await search(admin, `action=${AUDIT_ACTIONS.signInRefused}`);
    expect(refused.events.map((event) => event.orgCode)).toEqual([null]);
    expect((await search(po, `action=${AUDIT_ACTIONS.signInRefused}`)).events).toEqual([]);
  });

  it("refuses a role without audit.view on every audit route", async () => {
    for (const [handler, path, method] of [
      [events.GET, "/api/audit/events", "GET"],
      [exporter.GET, "/api/audit/export", "GET"],
      [verify.POST, "/api/audit/verify", "POST"],
    ] as const) {
      const response = await call(handler as Handler, clerk, path, method);
      expect(response.status, path).toBe(403);
    }
  });
});

describe("audit trail viewer: filters and paging", () => {
  it("filters by patient (NHS number checked), user, action, outcome and UK-time days", async () => {
    const bad = await call(events.GET as Handler, po, "/api/audit/events?nhsNumber=9990000001");
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("Enter a valid NHS number");
    const spaced = await search(
      po,
      `nhsNumber=${encodeURIComponent(`${PATIENT.slice(0, 3)} ${PATIENT.slice(3, 6)} ${PATIENT.slice(6)}`)}&pageSize=100`,
    );
    // The viewer's own searches for this patient are audited too (audit.searched, with the patient).
    expect(spaced.events.filter((event) => !event.action.startsWith("audit.")).length).toBe(1 + 12);
    expect(spaced.events.some((event) => event.action === AUDIT_ACTIONS.auditSearched)).toBe(true);

    const nurse = await search(po, `userId=${NURSE.sub}&pageSize=100`);
    expect(nurse.events.length).toBe(30);
    const failures = await search(po, `action=${AUDIT_ACTIONS.emergencyAccess}&outcome=failure&pageSize=100`);
    expect(failures.events.length).toBe(5); // n = 0, 12, 24, 36, 48
    expect((await call(events.GET as Handler, po, "/api/audit/events?action=lr.delete")).status).toBe(422);

    const july2 = await search(po, "from=2026-07-02&to=2026-07-02&pageSize=100");
    expect(july2.events.length).toBe(20);
    // The 23:30 UTC sign-in belongs to 4 July in UK time, not 3 July.
    const july3 = await search(po, `from=2026-07-03&to=2026-07-03&action=${AUDIT_ACTIONS.signIn}`);
    expect(july3.events).toEqual([]);
    const july4 = await search(po, `from=2026-07-04&to=2026-07-04&action=${AUDIT_ACTIONS.signIn}`);
    expect(july4.events).toHaveLength(1);
    const backwards = await call(events.GET as Handler, po, "/api/audit/events?from=2026-07-04&to=2026-07-01");
    expect(backwards.status).toBe(422);
  });

  it("pages newest first by keyset, older and back to newer, without gaps or repeats", async () => {
    const first = await search(po, `userId=${GP.sub}&pageSize=25`);
    expect(first.events).toHaveLength(25);
    expect(first.newerAfter).toBeNull();
    expect(first.olderBefore).toBe(first.events.at(-1)?.id);
    const ids = first.events.map((event) => event.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const second = await search(po, `userId=${GP.sub}&pageSize=25&before=${first.olderBefore}`);
    expect(second.events[0]?.id).toBeLessThan(first.events.at(-1)?.id ?? 0);
    expect(second.newerAfter).toBe(second.events[0]?.id);
    const all = [...first.events, ...second.events];
    expect(new Set(all.map((event) => event.id)).size).toBe(all.length);
    expect(all.length).toBe(25 + 7); // the GP: 1 recorded + 30 seeded + 1 sign-in
    expect(second.olderBefore).toBeNull();

    const back = await search(po, `userId=${GP.sub}&pageSize=25&after=${second.newerAfter}`);
    expect(back.events.map((event) => event.id)).toEqual(ids);
  });
});

describe("audit trail viewer: CSV export", () => {
  it("streams the whole filtered set (not one page) as CSV with a header, newest first, and audits the export", async () => {
    const { db } = await getDb();
    // More than two export chunks (1,000 rows each) for this patient.
    const bulkPatient = syntheticNhsNumber(803);
    await sql`insert into audit_events (at, actor_sub, org_code, action, nhs_number, outcome, details)
      select now(), ${GP.sub}, ${OWN_ORG}, 'patient.viewed', ${bulkPatient}, 'success', jsonb_build_object('n', g)
      from generate_series(1, 2500) g`.execute(db);

    const response = await call(exporter.GET as Handler, po, `/api/audit/export?nhsNumber=${bulkPatient}&pageSize=25`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-trail-\d{8}-\d{6}\.csv"$/);
    expect(response.body).toBeInstanceOf(ReadableStream);
    const text = await csvText(response);
    expect(text.startsWith("\uFEFFid,at_utc,user_id,role_profile_id,organisation,action,action_name,nhs_number,outcome,")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header?.at(-1)).toBe("row_hash");
    expect(rows).toHaveLength(2500);
    const ids = rows.map((row) => Number(row[0]));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(rows.every((row) => row[7] === bulkPatient && row[4] === OWN_ORG && row[6] === "Viewed a patient")).toBe(true);

    const exported = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", AUDIT_ACTIONS.auditExported)
      .where("nhs_number", "=", bulkPatient)
      .execute();
    expect(exported).toHaveLength(1);
    expect(exported[0]?.details).toMatchObject({ rows: 2500, filters: { nhsNumber: bulkPatient } });
  });

  it("keeps awkward content intact: commas, quotes and line breaks quoted, JSON details as one field", async () => {
    const text = await csvText(await call(exporter.GET as Handler, po, `/api/audit/export?userId=${NURSE.sub}`));
    const [header, ...rows] = parseCsv(text.slice(1));
    const details = header?.indexOf("details") ?? -1;
    expect(rows).toHaveLength(30);
    const parsed = JSON.parse(rows[0]?.[details] ?? "{}") as { reason: string };
    expect(parsed.reason).toMatch(/^n=\d+, "quoted", line\nbreak$/);
  });

  it("exports nothing of another organisation to a privacy officer", async () => {
    const text = await csvText(await call(exporter.GET as Handler, po, `/api/audit/export?userId=${ELSEWHERE.sub}`));
    expect(parseCsv(text.slice(1))).toHaveLength(1); // the header only
  });
});

describe("audit trail viewer: verify", () => {
  it("answers OK with the row count, then names a row changed directly in the database", async () => {
    const { db } = await getDb();
    const ok = (await (await call(verify.POST as Handler, po, "/api/audit/verify", "POST")).json()) as AuditChainVerification;
    expect(ok.ok).toBe(true);
    const total = await db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    // The check's own audit event is written after the check.
    expect(ok.ok && ok.rows).toBe(Number(total.n) - 1);

    const victim = await db.selectFrom("audit_events").select("id").where("request_id", "=", "seed-17").executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update audit_events set nhs_number = ${syntheticNhsNumber(804)} where id = ${victim.id}`.execute(trx);
    });
    const broken = (await (await call(verify.POST as Handler, admin, "/api/audit/verify", "POST")).json()) as AuditChainVerification;
    expect(broken.ok).toBe(false);
    if (broken.ok) return;
    expect(broken.broken.id).toBe(victim.id);
    expect(broken.broken.problems).toEqual(["content"]);
    expect(broken.broken.message).toContain(`Row ${victim.id} (${AUDIT_ACTIONS.patientViewed}`);
    const audited = await db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", AUDIT_ACTIONS.auditVerified)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audited.details).toMatchObject({ intact: false, brokenId: victim.id });
  });
});
