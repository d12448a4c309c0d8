import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { openStore, type Store } from "@/lib/store/open-store";
import { appMigrations } from "@/server/db/migrations";
import type { Database } from "@/server/db/schema";
import { confirmLr } from "@/server/lr/interactions/confirm-lr";
import type { LrContext } from "@/server/lr/lr-context";
import { replyTo, type ScriptedSpine, soapReply, startScriptedSpine, testSpineOptions } from "@/server/spine/scripted-spine.fixture";
import type { SpineOptions } from "@/server/spine/spine-options";
import { createSpineRuntime } from "@/server/spine/spine-runtime";
import { readTlsFiles } from "@/server/spine/tls-agent";

// Mutual TLS to Spine: a CA, a server and a client certificate generated with openssl for this run.
process.env.APP_DB_IN_MEMORY = "1";

const log = pino({ level: "silent" });
let dir: string;
let store: Store<Database>;
let spine: ScriptedSpine;
let clientTls: NonNullable<SpineOptions["tls"]>;

function openssl(...args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
}

function issue(name: string, cn: string, ext?: string): void {
  openssl(
    "req",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    `${name}.key`,
    "-out",
    `${name}.csr`,
    "-subj",
    `/CN=${cn}`,
  );
  const extArgs = ext ? ["-extfile", `${name}.ext`] : [];
  if (ext) writeFileSync(path.join(dir, `${name}.ext`), ext);
  openssl(
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    `${name}.crt`,
    "-days",
    "1",
    ...extArgs,
  );
}

const read = (file: string) => readFileSync(path.join(dir, file), "utf8");

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lrm-mtls-"));
  openssl(
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
    "-days",
    "1",
    "-subj",
    "/CN=Synthetic Spine Test CA",
  );
  issue("server", "127.0.0.1", "subjectAltName=IP:127.0.0.1\n");
  issue("client", "9000LR-900001");
  store = await openStore<Database>({ name: "app", inMemory: true, migrations: appMigrations });
  spine = await startScriptedSpine({
    tls: { key: read("server.key"), cert: read("server.crt"), ca: read("ca.crt"), requestCert: true, rejectUnauthorized: true },
  });
  spine.setScript(({ document }) => soapReply(document!.request, replyTo(document!.request, "QUPC_IN030000UK14", { lrExists: true })));
  clientTls = readTlsFiles({
    certFile: path.join(dir, "client.crt"),
    keyFile: path.join(dir, "client.key"),
    caFile: path.join(dir, "ca.crt"),
  })!;
});

afterAll(async () => {
  await spine?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function ctx(tls: SpineOptions["tls"]): LrContext {
  const rt = createSpineRuntime({ store, options: testSpineOptions({ baseUrl: spine.url, tls, timeScale: 0.1 }), log });
  return { userId: "900000000101", roleProfileId: "900000000201", orgCode: "ZZH", jobRoleCode: "R8000", log, spine: rt };
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "no error";
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
}

describe("mutual TLS", () => {
  it("presents the client certificate and trusts Spine through the configured CA bundle", async () => {
    spine.received.length = 0;
    const result = await confirmLr(ctx(clientTls), { nhsNumber: syntheticNhsNumber(3) });
    expect(result.lrExists).toBe(true);
    expect(spine.received[0]?.clientCertCn).toBe("9000LR-900001");
  });

  it("without a client certificate Spine refuses the connection: spine_unavailable", async () => {
    spine.received.length = 0;
    expect(await errorCode(confirmLr(ctx({ ca: clientTls.ca }), { nhsNumber: syntheticNhsNumber(3) }))).toBe("spine_unavailable");
    expect(spine.received).toHaveLength(0);
  });

  it("without the CA bundle Spine's certificate is not trusted: spine_unavailable", async () => {
    spine.received.length = 0;
    expect(await errorCode(confirmLr(ctx({ cert: clientTls.cert, key: clientTls.key }), { nhsNumber: syntheticNhsNumber(3) }))).toBe(
      "spine_unavailable",
    );
    expect(spine.received).toHaveLength(0);
  });

  it("refuses a certificate without its key", () => {
    expect(() => readTlsFiles({ certFile: path.join(dir, "client.crt") })).toThrow(/must be set together/);
  });
});
