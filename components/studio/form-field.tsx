import { type ReactElement, type ReactNode, cloneElement, isValidElement, useId } from "react";

type ControlProps = { id?: string; "aria-invalid"?: boolean; "aria-describedby"?: string };

/**
 * A labelled form control with its hint and, after a refused save, the message for it. The control
 * (the single child) is marked `aria-invalid` and described by the message, so a screen reader
 * reads the reason when focus lands on the field.
 */
export function FormField({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: ReactNode }) {
  const id = useId();
  const controlId = (isValidElement<ControlProps>(children) && children.props.id) || `${id}-control`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = error ? errorId : hint ? hintId : undefined;
  const control = isValidElement<ControlProps>(children)
    ? cloneElement(children as ReactElement<ControlProps>, { id: controlId, "aria-invalid": error ? true : undefined, "aria-describedby": described })
    : children;
  return (
    <div className="flex flex-col gap-1 text-sm">
      {/* The label names only the control; the hint and the message describe it. */}
      <label htmlFor={controlId} className="font-medium">
        {label}
      </label>
      {control}
      {hint && !error && (
        <span id={hintId} className="text-stone-500">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="text-red-700" data-testid="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** After a refused save: focus the first field marked invalid, where its message is read out. */
export function focusFirstInvalid(form: HTMLFormElement | null) {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

export const INPUT_CLASS = "rounded-lg border border-stone-300 bg-white px-3 py-2 text-base aria-invalid:border-red-600";
