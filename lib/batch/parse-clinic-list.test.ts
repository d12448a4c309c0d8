import { describe, expect, it } from "vitest";
import { formatNhsNumber, nhsCheckDigit, syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { BATCH_ROW_LIMIT, parseClinicList } from "./parse-clinic-list";

const TRAINING = { trainingMode: true };
const A = syntheticNhsNumber(1);
const B = syntheticNhsNumber(2);
const C = syntheticNhsNumber(3);

function wrongCheckDigit(nhsNumber: string): string {
  const right = nhsCheckDigit(nhsNumber.slice(0, 9)) ?? 0;
  return `${nhsNumber.slice(0, 9)}${(right + 1) % 10}`;
}

/** A valid Modulus 11 number outside the 999 synthetic range. */
function realLooking(): string {
  for (let n = 400_000_000; ; n++) {
    const nine = String(n);
    const check = nhsCheckDigit(nine);
    if (check !== undefined) return `${nine}${check}`;
  }
}

function parsed(text: string, options = TRAINING) {
  const result = parseClinicList(text, options);
  if (!result.ok) throw new Error(`expected a list, got ${JSON.stringify(result.problem)}`);
  return result.list;
}

describe("parseClinicList: each row checked on its own", () => {
  it("takes a pasted list, one number per line, spaces allowed, blank lines ignored", () => {
    const list = parsed(`${formatNhsNumber(A)}\n\n  ${B}  \r\n${formatNhsNumber(C)}\n`);
    expect(list.header).toBeUndefined();
    expect(list.rows.map((row) => row.nhsNumber)).toEqual([A, B, C]);
    expect(list.counts).toMatchObject({ rows: 3, valid: 3, rejected: 0 });
  });

  it("reports a bad check digit, a wrong length, letters and an empty cell on their rows; the rest goes ahead", () => {
    const list = parsed(
      ["NHS number,Name", `${A},Ann`, `${wrongCheckDigit(B)},Bob`, "99912345,Short", "99912A4567,Letters", ",No number", `${C},Cat`].join(
        "\n",
      ),
    );
    expect(list.rows.map((row) => [row.rowNo, row.problem ?? "ok"])).toEqual([
      [1, "ok"],
      [2, "check_digit"],
      [3, "length"],
      [4, "format"],
      [5, "empty"],
      [6, "ok"],
    ]);
    expect(list.counts).toMatchObject({ rows: 6, valid: 2, rejected: 4, byProblem: { check_digit: 1, length: 1, format: 1, empty: 1 } });
  });

  it("reports a repeat of an earlier row (however it is typed) and names that row", () => {
    const list = parsed(`${A}\n${B}\n${formatNhsNumber(A)}`);
    expect(list.rows[2]).toMatchObject({ problem: "duplicate", duplicateOf: 1 });
    expect(list.rows[2]?.nhsNumber).toBeUndefined();
    expect(list.counts.valid).toBe(2);
  });

  it("in training mode refuses a valid number outside the synthetic range; in live mode sends it", () => {
    const outside = realLooking();
    expect(parsed(`${A}\n${outside}`, { trainingMode: true }).rows[1]?.problem).toBe("not_synthetic");
    expect(parsed(`${A}\n${outside}`, { trainingMode: false }).rows[1]?.nhsNumber).toBe(outside);
  });

  it("header row optional: detected when it names the columns, not when the first row is data", () => {
    expect(parsed(`NHS number\n${A}`).header).toEqual(["NHS number"]);
    expect(parsed(`Patient,Clinic\n${A},Mon`).header).toEqual(["Patient", "Clinic"]);
    const noHeader = parsed(`${A},Mon\n${B},Tue`);
    expect(noHeader.header).toBeUndefined();
    expect(noHeader.rows).toHaveLength(2);
    // A mistyped number in the first row is a row with a problem, not a header.
    expect(parsed(`12345abc\n${A}`).rows[0]?.problem).toBe("format");
  });

  it("keeps every other column as given, finds the NHS number column by its header or its values", () => {
    const named = parsed(`Name,Clinic,NHS No.\n"Smith, Ann",Monday,${formatNhsNumber(A)}\n"Jo ""JJ"" Bloggs",Tuesday,${B}`);
    expect(named.nhsColumn).toBe(2);
    expect(named.rows[0]?.cells).toEqual(["Smith, Ann", "Monday", formatNhsNumber(A)]);
    expect(named.rows[1]?.cells).toEqual(['Jo "JJ" Bloggs', "Tuesday", B]);
    expect(named.columnCount).toBe(3);
    const found = parsed(`Ann,${A},x\nBob,${B},y`);
    expect(found.nhsColumn).toBe(1);
    expect(found.rows.map((row) => row.nhsNumber)).toEqual([A, B]);
  });

  it("reads tab-separated text and a byte-order mark", () => {
    const list = parsed(`\ufeffNHS number\tWard\n${A}\tWard 1`);
    expect(list.header).toEqual(["NHS number", "Ward"]);
    expect(list.rows[0]?.cells).toEqual([A, "Ward 1"]);
  });

  it("refuses more than 10,000 rows, saying how many it found (the header is not a row)", () => {
    const rows = Array.from({ length: BATCH_ROW_LIMIT + 1 }, () => A);
    expect(parseClinicList(rows.join("\n"), TRAINING)).toEqual({
      ok: false,
      problem: { kind: "too_many_rows", found: 10_001, limit: 10_000 },
    });
    expect(parseClinicList(["NHS number", ...rows.slice(1)].join("\n"), TRAINING).ok).toBe(true);
  });

  it("reads lines with and without quotes alike, whatever the line endings (LF, CRLF, CR, none at the end)", () => {
    const cells = (text: string) => parsed(text, { trainingMode: false }).rows.map((row) => row.cells);
    const expected = [
      [A, "Room 1", ""],
      [B, 'Clinic, "Annex"', "x"],
      [C, "  plain  ", ""],
    ];
    const lines = [`${A},Room 1,`, `${B},"Clinic, ""Annex""",x`, `${C},  plain  ,`];
    for (const ending of ["\n", "\r\n", "\r"]) {
      expect(cells(`NHS number,Where,Note${ending}${lines.join(ending)}`), JSON.stringify(ending)).toEqual(expected);
      expect(cells(`NHS number,Where,Note${ending}${lines.join(ending)}${ending}${ending}`), JSON.stringify(ending)).toEqual(expected);
    }
    // A quoted value may hold a line break; the next line is read on its own again.
    expect(cells(`${A},"two\nlines"\n${B},after`)).toEqual([
      [A, "two\nlines"],
      [B, "after"],
    ]);
  });

  it("refuses an empty list, and a quoted value that never closes", () => {
    expect(parseClinicList(" \n\n", TRAINING)).toEqual({ ok: false, problem: { kind: "empty" } });
    expect(parseClinicList("NHS number\n", TRAINING)).toEqual({ ok: false, problem: { kind: "empty" } });
    expect(parseClinicList(`${A}\n"unclosed,${B}`, TRAINING)).toEqual({ ok: false, problem: { kind: "unclosed_quote", rowNo: 2 } });
  });
});
