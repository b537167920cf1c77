import { z } from "zod";

export const mergeCustomersSchema = z.object({
  duplicateId: z.string().uuid(),
  survivorId: z.string().uuid({ message: "Choose the record to keep." }),
});
export type MergeCustomersInput = z.output<typeof mergeCustomersSchema>;

export const dismissDuplicateSchema = z.object({ duplicateId: z.string().uuid() });
export type DismissDuplicateInput = z.output<typeof dismissDuplicateSchema>;

export const revertMergeSchema = z.object({ mergeId: z.string().uuid() });
export type RevertMergeInput = z.output<typeof revertMergeSchema>;
