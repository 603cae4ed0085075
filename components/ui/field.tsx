"use client";

import { useId, type ComponentProps, type ReactNode } from "react";

const control =
  "block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600";

type FieldProps = { label: string; name: string; error?: string; hint?: ReactNode };
type Ids = { control: string; describedBy?: string };

/**
 * Labelled controls whose accessible name is the label alone: the hint and the error sit outside
 * the <label> and are linked with aria-describedby, so "Channel" never also names the link field.
 */
function FieldShell({
  label,
  error,
  hint,
  children,
}: Omit<FieldProps, "name"> & { children: (ids: Ids) => ReactNode }) {
  const id = useId();
  const [hintId, errorId] = [`${id}-hint`, `${id}-error`];
  const describedBy =
    [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={`${id}-control`} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({ control: `${id}-control`, describedBy })}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs text-rose-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Field({
  label,
  name,
  error,
  hint,
  ...props
}: FieldProps & ComponentProps<"input">) {
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {(ids) => (
        <input
          id={ids.control}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
          className={control}
          {...props}
        />
      )}
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  name,
  error,
  hint,
  ...props
}: FieldProps & ComponentProps<"textarea">) {
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {(ids) => (
        <textarea
          id={ids.control}
          name={name}
          rows={4}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
          className={control}
          {...props}
        />
      )}
    </FieldShell>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  children,
  ...props
}: FieldProps & ComponentProps<"select">) {
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {(ids) => (
        <select
          id={ids.control}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
          className={control}
          {...props}
        >
          {children}
        </select>
      )}
    </FieldShell>
  );
}
