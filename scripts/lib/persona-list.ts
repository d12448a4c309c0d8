import { organisations, personas } from "@/lib/personas";

/** One line per synthetic persona for the run command's start-up banner. */
export function formatPersonaList(): string {
  const orgName = new Map(organisations.map((o) => [o.org_code, o.org_name]));
  return personas
    .map((p) => {
      const roles = p.roles.length === 0 ? "no roles" : p.roles.map((r) => `${r.job_role_name} @ ${orgName.get(r.org_code) ?? r.org_code}`).join("; ");
      return `  • ${p.given_name} ${p.family_name} (${p.uid}) – ${p.label} – ${roles}`;
    })
    .join("\n");
}
