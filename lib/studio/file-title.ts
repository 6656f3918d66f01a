import { z } from "zod";

/** Long enough for "Lesson 12: Mixing vocals with parallel compression", short enough for one outline line on a phone. */
export const MAX_FILE_TITLE_LENGTH = 120;

/** A lesson title as the studio sends it; empty or blank clears it, so the outline falls back to the file name. */
export const fileTitleSchema = z
  .string()
  .trim()
  .max(MAX_FILE_TITLE_LENGTH, `Keep the lesson title to ${MAX_FILE_TITLE_LENGTH} characters or fewer.`)
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "The lesson title cannot contain line breaks or control characters.")
  .transform((value) => (value === "" ? null : value))
  .nullable();
