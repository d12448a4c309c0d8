/**
 * Bench (issue 16, P4): the pages as a browser loads them, from the production build.
 *
 * The app (`next start`) runs with the CIS2 stand-in and the Spine simulator (its default seeded
 * world) as the proof suites start them (tests/support/live-stack.ts). Each persona signs in
 * through the CIS2 stand-in's real pages, then for every page of theirs:
 *
 * - first-load JavaScript: every `<script src>` the page's HTML loads (the `nomodule` polyfill,
 *   which modern browsers skip, is left out), fetched and gzip -9'd, summed;
 * - Lighthouse 12 (desktop preset: clinicians use NHS desktop PCs) in Debian's Chromium:
 *   performance and accessibility scores, and the cumulative layout shift while the page loads.
 *
 *   node --conditions=react-server --import tsx bench/page-weight.ts   (run-all passes the condition)
 *
 * Needs a production build (`npx next build`) and /usr/bin/chromium; without either it says so and exits 0.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Result as LighthouseResult } from "lighthouse";
import { type BenchSettings, isMainModule, machineLine, runAsScript } from "@/bench/lib/bench-main";
import { machineLoadLine } from "@/bench/lib/cpu-meter";
import type { BenchReport, DetailTable, Figure } from "@/bench/lib/report";

const CHROMIUM = "/usr/bin/chromium";
const PATIENT = "9990010048";

interface PageCase {
  persona: string;
  who: string;
  path: string;
}

/** Each user area's main pages, as the persona who uses them. */
export const PAGES: readonly PageCase[] = [
  { persona: "", who: "signed out", path: "/sign-in" },
  { persona: "900000000001", who: "GP", path: "/" },
  { persona: "900000000001", who: "GP", path: "/patients" },
  { persona: "900000000001", who: "GP", path: `/patients/${PATIENT}` },
  { persona: "900000000001", who: "GP", path: `/patients/${PATIENT}/self-claim` },
  { persona: "900000000001", who: "GP", path: "/batch-check" },
  { persona: "900000000003", who: "privacy officer", path: "/alerts" },
  { persona: "900000000003", who: "privacy officer", path: "/audit" },
  { persona: "900000000004", who: "RA manager", path: "/workgroups" },
  { persona: "900000000008", who: "trainer", path: "/training" },
];

/** The scripts a page's HTML loads: `src` of every `<script>` except the `nomodule` fallback. */
export function scriptSources(html: string): string[] {
  const sources: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>/gi)) {
    const attributes = match[1] ?? "";
    if (/\bnomodule\b/i.test(attributes)) continue;
    const src = /\bsrc="([^"]+)"/i.exec(attributes)?.[1];
    if (src) sources.push(src.replaceAll("&amp;", "&"));
  }
  return [...new Set(sources)];
}

interface PageResult extends PageCase {
  status: number;
  scripts: number;
  jsGzipKb: number;
  performance: number;
  accessibility: number;
  cls: number;
  lcpMs: number;
  tbtMs: number;
  failedAudits: string[];
  /** What moved, when anything did (Lighthouse's layout-shifts audit): selector and its share of the shift. */
  shifted: string[];
}

async function run(settings: BenchSettings): Promise<BenchReport | undefined> {
  if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    console.log(
      "page-weight bench SKIPPED: no production build here. Run `npx next build` (or `bash scripts/up.sh` once), then this bench.",
    );
    return undefined;
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`page-weight bench SKIPPED: no ${CHROMIUM} (apt-get install chromium; the test command installs it).`);
    return undefined;
  }
  Object.assign(process.env, { LOG_LEVEL: "silent" });
  const { startLiveStack } = await import("@/tests/support/live-stack");
  const { AppClient } = await import("@/tests/support/app-client");
  const { default: lighthouse } = await import("lighthouse");
  const { default: desktopConfig } = await import("lighthouse/core/config/desktop-config.js");
  const chromeLauncher = await import("chrome-launcher");

  const stack = await startLiveStack({ label: "bench_pages", instances: ["app"], simulator: { defaultScenario: "default" } });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const results: PageResult[] = [];
  let scriptRows: string[][] = [];
  try {
    const cookies = new Map<string, string>([["", ""]]);
    for (const persona of new Set(PAGES.map((page) => page.persona).filter((p) => p !== ""))) {
      const client = new AppClient(stack.publicUrl);
      await client.signIn(persona);
      cookies.set(persona, client.jar.header(new URL(stack.publicUrl)));
    }
    const gzipped = new Map<string, number>();
    const loadedBy = new Map<string, number>();
    const pages = settings.quick ? PAGES.slice(0, 4) : PAGES;
    for (const page of pages) {
      const cookie = cookies.get(page.persona) ?? "";
      const headers: Record<string, string> = cookie ? { cookie } : {};
      const url = new URL(page.path, stack.publicUrl).href;
      const response = await fetch(url, { headers, redirect: "manual" });
      const html = await response.text();
      let bytes = 0;
      const sources = scriptSources(html);
      for (const src of sources) {
        const scriptUrl = new URL(src, url).href;
        let size = gzipped.get(scriptUrl);
        if (size === undefined) {
          const script = await fetch(scriptUrl);
          if (!script.ok) throw new Error(`${scriptUrl}: HTTP ${script.status}`);
          size = gzipSync(Buffer.from(await script.arrayBuffer()), { level: 9 }).byteLength;
          gzipped.set(scriptUrl, size);
        }
        bytes += size;
        loadedBy.set(scriptUrl, (loadedBy.get(scriptUrl) ?? 0) + 1);
      }
      // Lighthouse's trace processing fails now and then on this machine (a metric comes back
      // with an error and the category has no score): such a run is measured again, up to 3 times.
      let lhr: LighthouseResult;
      let attempt = 0;
      do {
        attempt += 1;
        const audit = await lighthouse(
          url,
          { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"], extraHeaders: headers },
          desktopConfig,
        );
        if (!audit?.lhr) throw new Error(`Lighthouse gave no result for ${page.path}`);
        lhr = audit.lhr;
      } while (attempt < 3 && (lhr.runtimeError || lhr.categories.performance?.score == null));
      const metricErrors = ["largest-contentful-paint", "cumulative-layout-shift", "total-blocking-time"]
        .map((id) => lhr.audits[id]?.errorMessage)
        .filter((message): message is string => Boolean(message));
      const failedAudits = Object.values(lhr.audits)
        .filter((a) => a.scoreDisplayMode === "binary" && a.score === 0)
        .map((a) => a.id);
      const shiftItems = ((lhr.audits["layout-shifts"]?.details as { items?: unknown[] } | undefined)?.items ?? []) as {
        score?: number;
        node?: { selector?: string; snippet?: string };
      }[];
      results.push({
        ...page,
        shifted: shiftItems.map((item) => `${item.node?.selector ?? item.node?.snippet ?? "?"} (${(item.score ?? 0).toFixed(3)})`),
        status: response.status,
        scripts: sources.length,
        jsGzipKb: bytes / 1000,
        performance: lhr.categories.performance?.score == null ? Number.NaN : Math.round(lhr.categories.performance.score * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN,
        lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN,
        tbtMs: lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN,
        failedAudits: [
          ...failedAudits,
          ...metricErrors.map((message) => `Lighthouse error after ${attempt} runs: ${message.slice(0, 80)}`),
        ],
      });
    }
    scriptRows = [...loadedBy]
      .sort((a, b) => (gzipped.get(b[0]) ?? 0) - (gzipped.get(a[0]) ?? 0))
      .map(([scriptUrl, pageCount]) => [
        new URL(scriptUrl).pathname,
        ((gzipped.get(scriptUrl) ?? 0) / 1000).toFixed(1),
        `${pageCount} of ${pages.length}`,
      ]);
  } finally {
    chrome.kill();
    await stack.close();
  }

  const figures: Figure[] = [];
  for (const r of results) {
    const subject = `P4 ${r.path} (${r.who})`;
    figures.push(
      { subject, metric: "first-load JS", value: r.jsGzipKb, unit: "kB", targetId: "p4.first-load-js.kb" },
      { subject, metric: "Lighthouse perf", value: r.performance, unit: "points", targetId: "p4.lighthouse.performance" },
      { subject, metric: "Lighthouse a11y", value: r.accessibility, unit: "points", targetId: "p4.lighthouse.accessibility" },
      { subject, metric: "CLS", value: r.cls, unit: "", targetId: "p4.cls" },
    );
  }
  const details: DetailTable[] = [
    {
      title: "P4 pages (HTTP status of the HTML, scripts loaded, largest contentful paint, total blocking time, failed binary audits)",
      columns: ["page", "as", "HTTP", "scripts", "JS kB gzip", "LCP ms", "TBT ms", "failed audits", "what shifted"],
      rows: results.map((r) => [
        r.path,
        r.who,
        String(r.status),
        String(r.scripts),
        r.jsGzipKb.toFixed(1),
        r.lcpMs.toFixed(0),
        r.tbtMs.toFixed(0),
        r.failedAudits.join(", ") || "—",
        r.shifted.join("; ") || "—",
      ]),
    },
    {
      title: "P4 scripts (gzip -9 kB, largest first; how many of the pages load each)",
      columns: ["script", "kB gzip", "pages"],
      rows: scriptRows,
    },
  ];
  return {
    title: "pages (P4): first-load JS and Lighthouse, production build, next start",
    notes: [machineLine(), machineLoadLine(), "Lighthouse 12.2.3, desktop preset (simulated throttling), Debian Chromium headless"],
    details,
    figures,
  };
}

if (isMainModule(import.meta.url)) {
  void runAsScript("page-weight", run).then(() => process.exit());
}
