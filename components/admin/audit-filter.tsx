import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";

/** The audit log's action filter, a plain GET form so every filtered view has a URL. */
export function AuditFilter({ actions, current }: { actions: string[]; current?: string }) {
  return (
    <form
      method="get"
      action="/admin/audit"
      role="search"
      aria-label="Filter the audit log"
      className="mb-4 grid gap-3 sm:grid-cols-[20rem_max-content] sm:items-end"
    >
      <SelectField label="Action" name="action" defaultValue={current ?? ""}>
        <option value="">All actions</option>
        {actions.map((action) => (
          <option key={action} value={action}>
            {action}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
