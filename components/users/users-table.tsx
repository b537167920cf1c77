"use client";

import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown, Ellipsis, KeyRound, PencilLine, Search, UserRoundCheck, UserRoundX } from "lucide-react";
import { useCallback, useMemo, useRef, useState } from "react";
import { roleLabel } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EditUserForm } from "./edit-user-dialog";
import { ResetPasswordForm } from "./reset-password-dialog";
import { SetActiveForm } from "./set-active-dialog";
import type { StoreOption, UserListItem } from "./types";

type Pending = { kind: "edit" | "reset" | "active"; user: UserListItem } | null;

const ROLE_BADGE = { admin: "solid", manager: "gold", buyer: "outline", associate: "neutral" } as const;

export function UsersTable({
  users,
  stores,
  viewerId,
  passwordMinLength,
}: {
  users: UserListItem[];
  stores: StoreOption[];
  viewerId: string;
  passwordMinLength: number;
}) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filter, setFilter] = useState("");
  const [pending, setPending] = useState<Pending>(null);
  const returnFocusTo = useRef<string | null>(null);
  const choose = useCallback((next: Pending) => {
    returnFocusTo.current = next ? actionsButtonSelector(next.user.id) : null;
    setPending(next);
  }, []);

  const columns = useMemo<ColumnDef<UserListItem>[]>(
    () => [
      {
        accessorKey: "name",
        header: "Name",
        cell: ({ row }) => (
          <span className="font-medium">
            {row.original.name}
            {row.original.id === viewerId ? <span className="ml-1.5 text-xs font-normal text-muted-foreground">(you)</span> : null}
          </span>
        ),
      },
      { accessorKey: "email", header: "E-mail", cell: ({ getValue }) => <span className="text-muted-foreground">{getValue<string>()}</span> },
      {
        accessorKey: "role",
        header: "Role",
        cell: ({ row }) => <Badge variant={ROLE_BADGE[row.original.role]}>{roleLabel(row.original.role)}</Badge>,
      },
      {
        id: "stores",
        header: "Stores",
        enableSorting: false,
        accessorFn: (user) => user.stores.map((s) => `${s.code} ${s.name}`).join(" "),
        cell: ({ row }) =>
          row.original.role === "admin" ? (
            <span className="text-muted-foreground">All stores</span>
          ) : row.original.stores.length === 0 ? (
            <span className="text-destructive">None</span>
          ) : (
            <span className="flex flex-wrap gap-1">
              {row.original.stores.map((s) => (
                <abbr key={s.id} title={s.name} className="rounded border px-1.5 py-px font-mono text-[0.7rem] no-underline">
                  {s.code}
                </abbr>
              ))}
            </span>
          ),
      },
      {
        accessorKey: "isActive",
        header: "Status",
        cell: ({ row }) =>
          row.original.isActive ? <Badge variant="success">Active</Badge> : <Badge variant="destructive">Deactivated</Badge>,
      },
      {
        id: "lastSignIn",
        header: "Last sign-in",
        accessorFn: (user) => user.lastSignIn?.iso ?? "",
        cell: ({ row }) =>
          row.original.lastSignIn ? (
            <time dateTime={row.original.lastSignIn.iso} className="whitespace-nowrap text-muted-foreground tabular-nums">
              {row.original.lastSignIn.text}
            </time>
          ) : (
            <span className="text-muted-foreground">Never</span>
          ),
      },
      {
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        enableSorting: false,
        cell: ({ row }) => <RowActions user={row.original} onChoose={choose} />,
      },
    ],
    [viewerId, choose],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table returns fresh functions by design; this component is not memoized
  const table = useReactTable({
    data: users,
    columns,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const rows = table.getRowModel().rows;
  const close = () => setPending(null);

  return (
    <>
      <div className="relative mb-4 max-w-xs">
        <label htmlFor="user-filter" className="sr-only">
          Filter users
        </label>
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input
          id="user-filter"
          type="search"
          placeholder="Filter by name, e-mail, role, store…"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          className="pl-9"
        />
      </div>

      {rows.length === 0 ? (
        <EmptyState icon={Search} title="No user matches" description={`Nothing matches “${filter}”.`} />
      ) : (
        <Table label="Users">
          <TableCaption>Users of Vitrine</TableCaption>
          <TableHeader>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id} className="hover:bg-transparent">
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <TableHead
                      key={header.id}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={header.column.id === "actions" ? "w-12" : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="-ml-1.5 inline-flex items-center gap-1 rounded px-1.5 py-1 uppercase outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/60"
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          {sorted === "asc" ? (
                            <ArrowUp aria-hidden className="size-3" />
                          ) : sorted === "desc" ? (
                            <ArrowDown aria-hidden className="size-3" />
                          ) : (
                            <ChevronsUpDown aria-hidden className="size-3 opacity-50" />
                          )}
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </TableHead>
                  );
                })}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.id} data-state={row.original.isActive ? undefined : "inactive"} className="data-[state=inactive]:text-muted-foreground">
                {row.getVisibleCells().map((cell) => (
                  <TableCell key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <Dialog open={pending !== null} onOpenChange={(open) => (open ? undefined : close())}>
        <DialogContent
          onCloseAutoFocus={(event) => {
            // the menu item that opened the dialog is gone: give focus back to that row's menu button
            const trigger = returnFocusTo.current ? document.querySelector<HTMLElement>(returnFocusTo.current) : null;
            if (trigger) {
              event.preventDefault();
              trigger.focus();
            }
          }}
        >
          {pending?.kind === "edit" ? <EditUserForm user={pending.user} stores={stores} onDone={close} /> : null}
          {pending?.kind === "reset" ? <ResetPasswordForm user={pending.user} passwordMinLength={passwordMinLength} onDone={close} /> : null}
          {pending?.kind === "active" ? <SetActiveForm user={pending.user} isSelf={pending.user.id === viewerId} onDone={close} /> : null}
        </DialogContent>
      </Dialog>
    </>
  );
}

function actionsButtonSelector(userId: string): string {
  return `[data-user-actions="${userId}"]`;
}

function RowActions({ user, onChoose }: { user: UserListItem; onChoose: (pending: Pending) => void }) {
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button data-user-actions={user.id} variant="ghost" size="icon-sm" aria-label={`Actions for ${user.name}`}>
          <Ellipsis aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-48">
        <DropdownMenuItem onSelect={() => onChoose({ kind: "edit", user })}>
          <PencilLine aria-hidden /> Edit
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => onChoose({ kind: "reset", user })}>
          <KeyRound aria-hidden /> Reset password
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        {user.isActive ? (
          <DropdownMenuItem variant="destructive" onSelect={() => onChoose({ kind: "active", user })}>
            <UserRoundX aria-hidden /> Deactivate
          </DropdownMenuItem>
        ) : (
          <DropdownMenuItem onSelect={() => onChoose({ kind: "active", user })}>
            <UserRoundCheck aria-hidden /> Reactivate
          </DropdownMenuItem>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
