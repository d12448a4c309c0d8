import { defineConfig } from "@playwright/test";
import { e2eStack } from "./e2e/support/e2e-stack";

/**
 * E2E runs the real three-process stack (scripts/run.ts) on its own ports and data folder, and
 * drives Debian's Chromium. One worker: a 2-core machine, and the journeys share Spine state.
 */
export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }], ["json", { outputFile: "reports/playwright.json" }]],
  use: {
    baseURL: e2eStack.appBaseUrl,
    browserName: "chromium",
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "node --import tsx scripts/run.ts",
    url: `${e2eStack.appBaseUrl}/api/health`,
    env: e2eStack.env,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
