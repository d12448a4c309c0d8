/**
 * Training and live never talk to each other's systems (issue 15, docs/domain.md §11). In training
 * mode every upstream must be one of the local stand-ins (they run on this machine, so their
 * addresses are loopback); in live mode none may be, and each must be https. Checked when the
 * configuration is loaded, so a wrongly pointed deployment refuses to start instead of sending.
 */
export type LrMode = "training" | "live";

export interface UpstreamEndpoint {
  /** The setting's name, quoted in the problem. */
  setting: string;
  url: string | undefined;
}

export function isLoopbackHost(hostname: string): boolean {
  return ["localhost", "[::1]"].includes(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** One line per endpoint that breaks its mode's rule; empty when all are fine. */
export function standInEndpointProblems(mode: LrMode, endpoints: readonly UpstreamEndpoint[]): string[] {
  const problems: string[] = [];
  for (const { setting, url } of endpoints) {
    if (url === undefined) continue;
    const parsed = new URL(url);
    const loopback = isLoopbackHost(parsed.hostname);
    if (mode === "training" && !loopback) {
      problems.push(`${setting} must be a local stand-in (a loopback address) in training mode, not ${parsed.host}`);
    }
    if (mode === "live" && loopback) {
      problems.push(`${setting} must be the real service in live mode, not a local stand-in (${parsed.host})`);
    } else if (mode === "live" && parsed.protocol !== "https:") {
      problems.push(`${setting} must be https in live mode`);
    }
  }
  return problems;
}
