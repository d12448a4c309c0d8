import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { organisations, personas } from "@/lib/personas";
import notable from "@/simulator/data/notable-patients.json";

/** One line per synthetic persona for the run command's start-up banner. */
export function formatPersonaList(): string {
  const orgName = new Map(organisations.map((o) => [o.org_code, o.org_name]));
  return personas
    .map((p) => {
      const roles =
        p.roles.length === 0 ? "no roles" : p.roles.map((r) => `${r.job_role_name} @ ${orgName.get(r.org_code) ?? r.org_code}`).join("; ");
      return `  • ${p.given_name} ${p.family_name} (${p.uid}) – ${p.label} – ${roles}`;
    })
    .join("\n");
}

/** Synthetic patients worth trying first (the simulator's notable patients, seeded ones only). */
export function formatNotablePatients(): string {
  return notable.patients
    .filter((p) => !("seeded" in p) || p.seeded !== false)
    .map((p) => `  • ${formatNhsNumber(p.nhsNumber)} – ${p.description}`)
    .join("\n");
}
