"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import { createUserSchema, resetPasswordSchema, setUserActiveSchema, updateUserSchema } from "@/lib/users/schemas";
import { createUser, resetPassword, setUserActive, updateUser } from "@/lib/users/service";

export const createUserAction = action({ schema: createUserSchema, permission: "users.manage" }, async (input, ctx) => {
  const created = await createUser(ctx, input);
  revalidatePath("/admin/users");
  return created;
});

export const updateUserAction = action({ schema: updateUserSchema, permission: "users.manage" }, async (input, ctx) => {
  await updateUser(ctx, input);
  revalidatePath("/admin/users");
});

export const setUserActiveAction = action({ schema: setUserActiveSchema, permission: "users.manage" }, async (input, ctx) => {
  await setUserActive(ctx, input);
  revalidatePath("/admin/users");
});

export const resetPasswordAction = action({ schema: resetPasswordSchema, permission: "users.manage" }, async (input, ctx) => {
  await resetPassword(ctx, input);
  revalidatePath("/admin/users");
});
