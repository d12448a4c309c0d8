/** The signed-in account the NHS header shows (user, role, organisation): built on the server, rendered by the header. */
export interface HeaderAccount {
  userName: string;
  roleName: string;
  organisationName: string;
  /** The areas this role may use (lib/ui/navigation.ts), decided on the server. */
  navigation: { href: string; label: string; badge?: "newAlerts" }[];
}
