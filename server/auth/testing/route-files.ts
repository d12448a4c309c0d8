import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Test support: every Next route handler file under app/api, with the URL pattern it serves.
 * Used by the RBAC matrix (which must cover every route) and the loopback BFF harness.
 */

export interface RouteFile {
  /** e.g. app/api/auth/session/extend/route.ts */
  file: string;
  /** e.g. /api/auth/session/extend, /api/patients/[nhsNumber]/lrs */
  pattern: string;
  /** dynamic segment names in order */
  params: string[];
  matcher: RegExp;
}

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export function listRouteFiles(root: string = ROOT): RouteFile[] {
  const apiDir = path.join(root, "app/api");
  const entries = readdirSync(apiDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && /^route\.(ts|tsx|js)$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
  return files.map((file) => {
    const segments = path
      .dirname(file)
      .split(path.sep)
      .slice(1) // drop "app"
      .filter((segment) => !/^\(.*\)$/.test(segment)); // route groups do not appear in URLs
    const params: string[] = [];
    const regex = segments.map((segment) => {
      const dynamic = /^\[(\.\.\.)?([^\]]+)\]$/.exec(segment);
      if (!dynamic) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      params.push(dynamic[2] ?? "param");
      return dynamic[1] ? "(.+)" : "([^/]+)";
    });
    return { file, pattern: `/${segments.join("/")}`, params, matcher: new RegExp(`^/${regex.join("/")}$`) };
  });
}

export function absoluteRouteFile(route: RouteFile, root: string = ROOT): string {
  return path.join(root, route.file);
}
