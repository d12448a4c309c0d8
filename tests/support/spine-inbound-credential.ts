import { TEST_SPINE_INBOUND_AUTH } from "@/server/auth/testing/bff-harness";

/**
 * The credential POST /api/spine/inbound requires (Spine's TLS client certificate stands in for it
 * live; the run command makes a random one per run). Test hosts of the real inbound route call this
 * before the BFF first reads its configuration, and send the headers it returns with every reply.
 */
export function testSpineInboundCredential(): { header: string; value: string; headers: Record<string, string> } {
  process.env.SPINE_INBOUND_AUTH_HEADER ??= TEST_SPINE_INBOUND_AUTH.header;
  process.env.SPINE_INBOUND_AUTH_VALUE ??= TEST_SPINE_INBOUND_AUTH.value;
  const header = process.env.SPINE_INBOUND_AUTH_HEADER;
  const value = process.env.SPINE_INBOUND_AUTH_VALUE;
  return { header, value, headers: { [header]: value } };
}
