import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import faultCatalogue from "@/simulator/data/faults.json";
import notable from "@/simulator/data/notable-patients.json";
import type { PatientTable } from "@/simulator/store/schema";

/** How many ordinary synthetic patients the world holds (besides the magic fault numbers). */
export const ORDINARY_PATIENT_COUNT = 60;

const givenNames = {
  female: ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Freya", "Lily", "Florence", "Evie", "Rosie", "Willow"],
  male: ["Noah", "Oliver", "George", "Arthur", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theodore", "Jack", "Charlie"],
  other: ["Alex", "Sam", "Jordan", "Robin"],
} as const;
const familyNames = [
  "ABBOTT",
  "BARKER",
  "CARTER",
  "DAWSON",
  "ELLIS",
  "FLETCHER",
  "GRAHAM",
  "HUGHES",
  "IRVING",
  "JENKINS",
  "KHAN",
  "LAWSON",
  "MORGAN",
  "NASH",
  "OWEN",
  "PATEL",
  "QUINN",
  "REID",
  "SHAW",
  "TURNER",
  "UPTON",
  "VAUGHAN",
  "WARD",
  "YATES",
] as const;
const genders = ["female", "male", "female", "male", "other", "female", "male", "unknown"] as const;

/** The ordinary patients' NHS numbers, in seed order (999 001 000x upwards, unique, Mod 11 valid). */
export function ordinaryNhsNumbers(): string[] {
  const numbers: string[] = [];
  for (let n = 1000; numbers.length < ORDINARY_PATIENT_COUNT; n++) {
    const nhsNumber = syntheticNhsNumber(n);
    if (!numbers.includes(nhsNumber)) numbers.push(nhsNumber);
  }
  return numbers;
}

function pick<T>(list: readonly T[], index: number): T {
  const value = list[index % list.length];
  if (value === undefined) throw new Error("empty list");
  return value;
}

/** Deterministic demographics for patient index i: ages spread from newborn to 95. */
function demographics(index: number): Omit<PatientTable, "nhs_number" | "notable" | "deceased_at"> {
  const gender = pick(genders, index);
  const givenPool = gender === "male" ? givenNames.male : gender === "female" ? givenNames.female : givenNames.other;
  const year = 1930 + ((index * 37) % 95);
  const month = ((index * 5) % 12) + 1;
  const day = ((index * 11) % 28) + 1;
  return {
    given_name: pick(givenPool, index * 7 + 3),
    family_name: pick(familyNames, index * 5 + 1),
    birth_date: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    gender,
  };
}

const notableByNumber = new Map(notable.patients.map((patient) => [patient.nhsNumber, patient]));

/** Every patient PDS knows about: the ordinary ones plus one per magic fault number. */
export function seedPatients(): PatientTable[] {
  const ordinary = ordinaryNhsNumbers().map((nhsNumber, index): PatientTable => {
    const note = notableByNumber.get(nhsNumber);
    return {
      nhs_number: nhsNumber,
      ...demographics(index),
      deceased_at: note?.key === "deceased" ? "2024-11-03T06:40:00Z" : null,
      notable: note?.key ?? null,
    };
  });
  const magic = faultCatalogue.faults.map(
    (fault, index): PatientTable => ({
      nhs_number: fault.nhsNumber,
      given_name: "Fault",
      family_name: `SIMULATOR-${fault.name.toUpperCase()}`,
      ...{ birth_date: demographics(index + 100).birth_date, gender: "unknown" as const },
      deceased_at: null,
      notable: `fault:${fault.name}`,
    }),
  );
  return [...ordinary, ...magic];
}
