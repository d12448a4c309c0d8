// Prints one closing line for the whole test command, "tests: N passed, N failed", from the Vitest and
// Playwright JSON reports (the plain line CI reads). Exits 1 if either report is missing or shows a failure.
import { existsSync, readFileSync } from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

if (!vitestFile || !existsSync(vitestFile)) throw new Error(`missing Vitest report ${vitestFile}`);
const vitest = JSON.parse(readFileSync(vitestFile, "utf8"));
passed += vitest.numPassedTests;
failed += vitest.numFailedTests;
skipped += vitest.numPendingTests + vitest.numTodoTests;

if (!playwrightFile || !existsSync(playwrightFile)) throw new Error(`missing Playwright report ${playwrightFile}`);
const playwright = JSON.parse(readFileSync(playwrightFile, "utf8"));
passed += playwright.stats.expected + playwright.stats.flaky;
failed += playwright.stats.unexpected;
skipped += playwright.stats.skipped;

console.log(`vitest: ${vitest.numPassedTests} passed; playwright: ${playwright.stats.expected} passed`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (failed > 0 || passed === 0) process.exit(1);
