import "server-only";
import type { ItemFile } from "@/db/schema";
import type { Storage } from "@/lib/storage";
import { type FileFacts, fileFacts } from "./file-facts";

export type Lesson = { id: string; title: string; fileName: string; sizeBytes: number; facts: FileFacts };
export type CourseOutline = { lessons: Lesson[]; totalBytes: number };

/** A course's paid files as lessons, in order: the creator's title, or the file name when there is none. */
export async function courseOutline(storage: Storage, files: ItemFile[]): Promise<CourseOutline> {
  const lessons = await Promise.all(
    files.map(async (file) => ({
      id: file.id,
      title: file.title?.trim() || file.fileName,
      fileName: file.fileName,
      sizeBytes: file.sizeBytes,
      facts: await fileFacts(storage, file),
    })),
  );
  return { lessons, totalBytes: files.reduce((sum, file) => sum + file.sizeBytes, 0) };
}
