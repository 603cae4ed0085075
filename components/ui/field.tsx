import type { ComponentProps, ReactNode } from "react";

const control =
  "block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600";

type FieldProps = { label: string; name: string; error?: string; hint?: ReactNode };

/** A labelled input with its error; the label is tied to the input for people and tests alike. */
export function Field({ label, name, error, hint, ...props }: FieldProps & ComponentProps<"input">) {
  return (
    <label className="block space-y-1">
      <span className="text-sm font-medium text-slate-700">{label}</span>
      <input name={name} aria-invalid={error ? true : undefined} className={control} {...props} />
      {hint && !error ? <span className="block text-xs text-slate-500">{hint}</span> : null}
      {error ? <span className="block text-xs text-rose-600">{error}</span> : null}
    </label>
  );
}

export function TextAreaField({ label, name, error, hint, ...props }: FieldProps & ComponentProps<"textarea">) {
  return (
    <label className="block space-y-1">
      <span className="text-sm font-medium text-slate-700">{label}</span>
      <textarea name={name} aria-invalid={error ? true : undefined} className={control} rows={4} {...props} />
      {hint && !error ? <span className="block text-xs text-slate-500">{hint}</span> : null}
      {error ? <span className="block text-xs text-rose-600">{error}</span> : null}
    </label>
  );
}

export function SelectField({ label, name, error, children, ...props }: FieldProps & ComponentProps<"select">) {
  return (
    <label className="block space-y-1">
      <span className="text-sm font-medium text-slate-700">{label}</span>
      <select name={name} className={control} {...props}>
        {children}
      </select>
      {error ? <span className="block text-xs text-rose-600">{error}</span> : null}
    </label>
  );
}
