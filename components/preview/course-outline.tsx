import { formatBytes } from "@/lib/format/bytes";
import { formatDuration } from "@/lib/previews/duration";
import type { CourseOutline as Outline, Lesson } from "@/lib/previews/outline";

function factsOf(lesson: Lesson): string {
  const { pages, seconds } = lesson.facts;
  if (pages !== undefined) return `${pages} ${pages === 1 ? "page" : "pages"}`;
  if (seconds !== undefined) return formatDuration(seconds);
  return formatBytes(lesson.sizeBytes);
}

/** A course's lessons in order, with what each one is, and how the purchase arrives. */
export function CourseOutline({ outline }: { outline: Outline }) {
  const { lessons, totalBytes } = outline;
  return (
    <section aria-labelledby="outline-heading" className="flex flex-col gap-3" data-testid="course-outline">
      <h2 id="outline-heading" className="text-lg font-semibold">
        Course outline ({lessons.length} {lessons.length === 1 ? "lesson" : "lessons"})
      </h2>
      <ol className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        {lessons.map((lesson, index) => (
          <li key={lesson.id} className="flex items-start gap-3 px-4 py-2 text-sm" data-testid="lesson">
            <span className="shrink-0 tabular-nums text-stone-500">{index + 1}.</span>
            <span className="flex min-w-0 flex-1 flex-col">
              <span className="font-medium wrap-anywhere">{lesson.title}</span>
              {lesson.title !== lesson.fileName && <span className="font-mono text-xs text-stone-500 wrap-anywhere">{lesson.fileName}</span>}
            </span>
            <span className="shrink-0 tabular-nums text-stone-600">{factsOf(lesson)}</span>
          </li>
        ))}
      </ol>
      <p className="text-sm text-stone-600" data-testid="zip-summary">
        {lessons.length === 1 ? `Arrives as one file, ${formatBytes(totalBytes)}` : `Arrives as a ZIP of ${lessons.length} files, ${formatBytes(totalBytes)}`}
      </p>
    </section>
  );
}
