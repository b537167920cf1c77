import type { Role } from "@/db/schema/enums";

/** A user as the admin table shows it: dates already formatted on the server. */
export type UserListItem = {
  id: string;
  name: string;
  email: string;
  role: Role;
  isActive: boolean;
  lastSignIn: { iso: string; text: string } | null;
  stores: { id: string; code: string; name: string }[];
};

export type StoreOption = { id: string; code: string; name: string };
