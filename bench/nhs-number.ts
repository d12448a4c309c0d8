/**
 * Bench: NHS number rules (lib/nhs/nhs-number) — validate and format throughput over a mix of
 * valid, spaced, wrong-check-digit and malformed synthetic inputs.
 *
 *   node --import tsx bench/nhs-number.ts
 */

import { type BenchSettings, isMainModule, machineLine, runAsScript } from "@/bench/lib/bench-main";
import { describeCpu, startCpuMeter } from "@/bench/lib/cpu-meter";
import type { BenchReport, Figure } from "@/bench/lib/report";
import { measureThroughput } from "@/bench/lib/stats";
import { distinctSyntheticNhsNumbers } from "@/bench/lib/synthetic";
import { formatNhsNumber, isSyntheticNhsNumber, validateNhsNumber } from "@/lib/nhs/nhs-number";

const INPUT_COUNT = 1_000;
const BOUNDS = { batchSize: 10_000, maxBatches: 200, maxMs: 500, warmupBatches: 5 };
const QUICK_BOUNDS = { batchSize: 5_000, maxBatches: 40, maxMs: 100, warmupBatches: 4 };

/** Flip the check digit to the next value: always wrong for a number whose check digit was right. */
function wrongCheckDigit(nhsNumber: string): string {
  return `${nhsNumber.slice(0, 9)}${(Number(nhsNumber[9]) + 1) % 10}`;
}

/**
 * What people type: mostly valid numbers, some in 3-3-4 form with spaces, some with a wrong check
 * digit, some too short or with letters (validation must refuse those cheaply too).
 */
export function nhsNumberInputs(count: number): { inputs: string[]; expectedValid: number } {
  const valid = distinctSyntheticNhsNumbers(count);
  let expectedValid = 0;
  const inputs = valid.map((nhsNumber, i) => {
    switch (i % 10) {
      case 0:
        return wrongCheckDigit(nhsNumber);
      case 1:
        return nhsNumber.slice(0, 8);
      case 2:
        return `${nhsNumber.slice(0, 5)}O${nhsNumber.slice(6)}`; // letter O typed for zero
      case 3:
      case 4:
        expectedValid++;
        return formatNhsNumber(nhsNumber);
      default:
        expectedValid++;
        return nhsNumber;
    }
  });
  return { inputs, expectedValid };
}

export async function runNhsNumberBench(settings: BenchSettings): Promise<BenchReport> {
  const cpu = startCpuMeter();
  const { inputs, expectedValid } = nhsNumberInputs(INPUT_COUNT);
  const validCount = inputs.filter((input) => validateNhsNumber(input).ok).length;
  // The mix must be what it claims, or the throughput figure describes something else.
  if (validCount !== expectedValid) throw new Error(`bench sanity check failed: ${validCount} valid inputs, expected ${expectedValid}`);
  if (!inputs.every((input) => !validateNhsNumber(input).ok || isSyntheticNhsNumber(input)))
    throw new Error("bench sanity check failed: non-synthetic input");

  const bounds = settings.quick ? QUICK_BOUNDS : BOUNDS;
  const validate = measureThroughput(inputs, validateNhsNumber, bounds);
  const format = measureThroughput(inputs, formatNhsNumber, bounds);
  const figures: Figure[] = [
    {
      subject: "validateNhsNumber (70% valid, 30% invalid)",
      metric: "throughput",
      value: validate.opsPerSec,
      unit: "ops/s",
      targetId: "nhs.validate.ops",
    },
    { subject: "validateNhsNumber (70% valid, 30% invalid)", metric: "per call", value: validate.nsPerOp, unit: "ns" },
    { subject: "formatNhsNumber (3-3-4)", metric: "throughput", value: format.opsPerSec, unit: "ops/s", targetId: "nhs.format.ops" },
    { subject: "formatNhsNumber (3-3-4)", metric: "per call", value: format.nsPerOp, unit: "ns" },
    { subject: "10,000-patient batch, validated", metric: "estimate", value: (validate.nsPerOp * 10_000) / 1e6, unit: "ms" },
  ];
  return {
    title: "NHS number rules (lib/nhs/nhs-number), in process",
    notes: [
      machineLine(),
      describeCpu(cpu()),
      `${INPUT_COUNT.toLocaleString("en-GB")} synthetic inputs cycled in batches of ${bounds.batchSize.toLocaleString("en-GB")} (≤ ${bounds.maxBatches} batches, ≤ ${bounds.maxMs} ms each figure)`,
    ],
    figures,
  };
}

if (isMainModule(import.meta.url)) void runAsScript("nhs-number", runNhsNumberBench);
