/**
 * National RBAC job role names by R code, for role profiles Spine describes only by code
 * (URPIDResponse part2/partSDSRole). CIS2 gives its own name (role_name), which is preferred where
 * there is one. Names as the National RBAC Database publishes them; unknown codes show the code.
 */
const JOB_ROLE_NAMES: Readonly<Record<string, string>> = {
  R0001: "Privacy Officer",
  R5080: "Registration Authority Manager",
  R8000: "Clinical Practitioner Access Role",
  R8001: "Nurse Access Role",
  R8003: "Health Professional Access Role",
  R8004: "Healthcare Student Access Role",
  R8008: "Admin/Clinical Support Access Role",
  R8010: "Clerical Access Role",
  R8015: "Systems Support Access Role",
};

/** "S8000:G8000:R8001" or "R8001" → "R8001"; undefined when there is no R code. */
export function jobRoleCodeOf(roleCode: string | undefined): string | undefined {
  const last = roleCode?.split(":").at(-1)?.trim();
  return last && /^R\d{4}$/.test(last) ? last : undefined;
}

export function jobRoleName(roleCode: string | undefined): string {
  const code = jobRoleCodeOf(roleCode);
  if (!code) return roleCode ? `Job role ${roleCode}` : "Job role not given";
  return JOB_ROLE_NAMES[code] ?? `Job role ${code}`;
}
