import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Client components load a zod schema module (and zod, ~30 kB gzip) with `await import()` when a
 * form is first submitted, never with the page (issue 16, P4: first-load JS ≤ 150 kB). A value
 * import of such a module from a "use client" file puts zod back in that page's first load.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");

/** Still importing constants from a zod module; their pages are not first-load critical yet. */
const KNOWN = new Set(["app/(privacy-officer)/alerts/[id]/alert-actions.tsx", "app/(clinician)/batch-check/[id]/batch-results.tsx"]);

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts"))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

const zodModules = new Set(
  filesUnder("lib/schemas")
    .filter((file) => /from "zod"/.test(readFileSync(path.join(ROOT, file), "utf8")))
    .map((file) => `@/${file.replace(/\.ts$/, "")}`),
);

/** Module specifiers a file imports at least one value from (not `import type`, not all-`type` names). */
function valueImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^import\s+(type\s+)?([^;]*?)\s+from\s+"([^"]+)";/gms)) {
    const [, typeOnly, clause = "", specifier = ""] = match;
    if (typeOnly) continue;
    const names =
      /\{([^}]*)\}/
        .exec(clause)?.[1]
        ?.split(",")
        .map((n) => n.trim())
        .filter(Boolean) ?? [];
    const hasDefaultOrNamespace =
      clause
        .replace(/\{[^}]*\}/, "")
        .replace(/,/g, "")
        .trim() !== "";
    if (hasDefaultOrNamespace || names.some((name) => !name.startsWith("type "))) found.push(specifier);
  }
  return found;
}

describe("client components and zod", () => {
  it("reads value and type imports apart", () => {
    expect(valueImports('import type { A } from "@/lib/schemas/lr";\nimport { type B } from "@/lib/schemas/training";')).toEqual([]);
    expect(valueImports('import { type A, selfClaimInput } from "@/lib/schemas/lr";')).toEqual(["@/lib/schemas/lr"]);
    expect(valueImports('import {\n  type A,\n  b,\n} from "@/lib/schemas/workgroups";')).toEqual(["@/lib/schemas/workgroups"]);
  });

  it("knows which schema modules use zod", () => {
    expect(zodModules).toContain("@/lib/schemas/lr");
    expect(zodModules).not.toContain("@/lib/schemas/workgroup-change");
  });

  it('no "use client" file imports a zod schema module statically', () => {
    const offenders = [...filesUnder("app"), ...filesUnder("components")]
      .filter((file) => !KNOWN.has(file))
      .filter((file) => {
        const source = readFileSync(path.join(ROOT, file), "utf8");
        return /^"use client";/.test(source) && valueImports(source).some((specifier) => zodModules.has(specifier));
      });
    expect(offenders).toEqual([]);
  });

  it("the known exceptions are still exceptions (remove them from the list when fixed)", () => {
    for (const file of KNOWN) {
      const source = readFileSync(path.join(ROOT, file), "utf8");
      expect(
        valueImports(source).some((specifier) => zodModules.has(specifier)),
        file,
      ).toBe(true);
    }
  });
});
