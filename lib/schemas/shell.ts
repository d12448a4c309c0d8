/** The signed-in account the NHS header shows (user, role, organisation): built on the server, rendered by the header. */
export interface HeaderAccount {
  userName: string;
  roleName: string;
  organisationName: string;
}
