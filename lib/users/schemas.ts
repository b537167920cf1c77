import { z } from "zod";
import { roleEnum } from "@/db/schema/enums";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `At least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `At most ${PASSWORD_MAX_LENGTH} characters.`);

const storeIds = z.array(z.string().uuid()).default([]);

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address.").max(254),
  name: z.string().trim().min(1, "Enter a name.").max(120),
  role: z.enum(roleEnum.enumValues),
  storeIds,
  password: passwordSchema,
});
export type CreateUserInput = z.output<typeof createUserSchema>;

export const updateUserSchema = z.object({
  userId: z.string().uuid(),
  role: z.enum(roleEnum.enumValues),
  storeIds,
});
export type UpdateUserInput = z.output<typeof updateUserSchema>;

export const setUserActiveSchema = z.object({
  userId: z.string().uuid(),
  isActive: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
});

export const resetPasswordSchema = z.object({ userId: z.string().uuid(), password: passwordSchema });
