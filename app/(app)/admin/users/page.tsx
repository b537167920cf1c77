import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getDb } from "@/db/client";
import { formatDateTime } from "@/components/format";
import { PageHeader } from "@/components/shell/page-header";
import { CreateUserDialog } from "@/components/users/create-user-dialog";
import type { UserListItem } from "@/components/users/types";
import { UsersTable } from "@/components/users/users-table";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { listStoreOptions, listUsers } from "@/lib/users/service";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "users.manage")) forbidden();
  const db = getDb();
  const [users, stores] = await Promise.all([listUsers(db), listStoreOptions(db)]);

  const items: UserListItem[] = users.map((user) => ({
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    isActive: user.isActive,
    stores: user.stores,
    // formatted here, in UTC, so the browser renders exactly what the server did
    lastSignIn: user.lastSignInAt ? { iso: user.lastSignInAt.toISOString(), text: formatDateTime(user.lastSignInAt, "UTC") } : null,
  }));

  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in to Vitrine, with which role and for which stores. Every change is audited."
        actions={<CreateUserDialog stores={stores} passwordMinLength={PASSWORD_MIN_LENGTH} />}
      />
      <UsersTable users={items} stores={stores} viewerId={viewer.id} passwordMinLength={PASSWORD_MIN_LENGTH} />
    </>
  );
}
