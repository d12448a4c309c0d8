import "server-only";
import { readFileSync } from "node:fs";
import https from "node:https";
import type { SpineOptions } from "./spine-options";

/**
 * Mutual TLS to Spine: our client certificate and key, and the CA bundle Spine's certificate
 * must chain to. Without a CA file Node's default trust store applies.
 */
export function createSpineHttpsAgent(tls: SpineOptions["tls"]): https.Agent {
  return new https.Agent({
    keepAlive: true,
    ...(tls?.cert ? { cert: tls.cert } : {}),
    ...(tls?.key ? { key: tls.key } : {}),
    ...(tls?.ca ? { ca: tls.ca } : {}),
  });
}

/** Read the PEM files named by SPINE_TLS_CERT_FILE / _KEY_FILE / _CA_FILE (once, at start-up). */
export function readTlsFiles(files: { certFile?: string; keyFile?: string; caFile?: string }): SpineOptions["tls"] {
  if (!files.certFile && !files.keyFile && !files.caFile) return undefined;
  if (Boolean(files.certFile) !== Boolean(files.keyFile)) {
    throw new Error("SPINE_TLS_CERT_FILE and SPINE_TLS_KEY_FILE must be set together");
  }
  return {
    cert: files.certFile ? readFileSync(files.certFile, "utf8") : undefined,
    key: files.keyFile ? readFileSync(files.keyFile, "utf8") : undefined,
    ca: files.caFile ? readFileSync(files.caFile, "utf8") : undefined,
  };
}
