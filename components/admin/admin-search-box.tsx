/**
 * The admin header's search box: a plain GET form to /admin/search, so it works before any
 * JavaScript loads and the results page has a URL an admin can share.
 */
export function AdminSearchBox({ defaultValue = "" }: { defaultValue?: string }) {
  return (
    <form action="/admin/search" role="search" className="flex w-full gap-2 sm:w-auto">
      <label htmlFor="admin-search" className="sr-only">
        Search users, purchases, orders and events
      </label>
      <input
        id="admin-search"
        type="search"
        name="q"
        defaultValue={defaultValue}
        maxLength={200}
        placeholder="Email, id, cs_…, pi_…, sub_…, evt_…"
        className="block w-full min-w-0 rounded-md border-0 px-3 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 sm:w-80"
      />
      <button
        type="submit"
        className="rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-slate-900 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
      >
        Search
      </button>
    </form>
  );
}
