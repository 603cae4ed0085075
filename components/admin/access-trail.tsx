import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { AccessTrailEntry } from "@/lib/access/list-access-trail";
import type { CommunityAccess } from "@/lib/access/summarize-access";
import { formatDate } from "@/lib/format";

const actionWords = {
  GRANT: "Granted",
  EXTEND: "Extended",
  SHORTEN: "Shortened",
  REVOKE: "Revoked",
} as const;

/** What caused an entry: the webhook event we recorded, or the admin who acted. */
function TrailSource({ entry }: { entry: AccessTrailEntry }) {
  if (entry.event) {
    const { event } = entry;
    const words = event.type
      ? `${event.provider} ${event.type} ${event.providerEventId}`
      : `event ${event.id}`;
    return (
      <Link
        href={`/admin/events/${event.id}`}
        className="break-all text-indigo-700 underline underline-offset-2"
      >
        {words}
      </Link>
    );
  }
  if (entry.actor) {
    return (
      <span>
        admin{" "}
        <Link
          href={`/admin/users/${entry.actor.id}`}
          className="break-all text-indigo-700 underline underline-offset-2"
        >
          {entry.actor.email ?? entry.actor.id}
        </Link>
      </span>
    );
  }
  return <span className="text-slate-500">no event recorded</span>;
}

/** "Granted on … because of <cause>, by <event or admin>". */
function Reason({ entry }: { entry: AccessTrailEntry }) {
  return (
    <>
      {actionWords[entry.action]} on {formatDate(entry.createdAt)}: {entry.cause}, by{" "}
      <TrailSource entry={entry} />
    </>
  );
}

function Summary({ access }: { access: CommunityAccess }) {
  if (access.hasAccess) {
    const until = access.accessUntil ? `until ${formatDate(access.accessUntil)}` : "with no end";
    return (
      <div className="text-sm text-slate-700">
        <p>
          <strong className="text-emerald-700">Has access</strong> {until}, because:
        </p>
        {access.because.length === 0 ? (
          <p className="text-slate-500">No trail entry explains this membership.</p>
        ) : (
          <ul className="ml-5 list-disc">
            {access.because.map((entry) => (
              <li key={entry.id}>
                <Reason entry={entry} />
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  const { ended } = access;
  return (
    <p className="text-sm text-slate-700">
      <strong className="text-rose-700">No access</strong>
      {ended?.how === "revoked" && ended.entry ? (
        <>
          : <Reason entry={ended.entry} />
        </>
      ) : ended?.how === "expired" ? (
        <>
          : expired on {formatDate(ended.at)}
          {ended.entry ? (
            <>
              {" "}
              (last: <Reason entry={ended.entry} />)
            </>
          ) : null}
        </>
      ) : (
        "."
      )}
    </p>
  );
}

function TrailTable({ trail }: { trail: AccessTrailEntry[] }) {
  return (
    <Table label="Access trail">
      <thead className="bg-slate-50">
        <tr>
          <Th>Action</Th>
          <Th>Cause</Th>
          <Th>By</Th>
          <Th>Time</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {trail.map((entry) => (
          <tr key={entry.id} data-testid="access-trail-row">
            <Td>{actionWords[entry.action]}</Td>
            <Td>
              <span className="block min-w-48">{entry.cause}</span>
            </Td>
            <Td>
              <span className="block min-w-48">
                <TrailSource entry={entry} />
              </span>
            </Td>
            <Td>
              <span className="whitespace-nowrap">{formatDate(entry.createdAt)}</span>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/**
 * Per community, the answer to "why does this user (not) have access?" and the trail behind
 * it: every grant, extension, shortening and revocation, with its cause and its event or admin.
 */
export function AccessByCommunity({ access }: { access: CommunityAccess[] }) {
  if (access.length === 0)
    return <p className="text-sm text-slate-600">This user has never had access to a community.</p>;
  return (
    <div className="space-y-4">
      {access.map((community) => (
        <Card
          key={community.communityId}
          className="space-y-3"
          aria-labelledby={`access-${community.communityId}`}
        >
          <div data-testid="access-summary" className="space-y-1">
            <h3 id={`access-${community.communityId}`} className="font-semibold">
              {community.communityName}
            </h3>
            <Summary access={community} />
          </div>
          {community.trail.length > 0 ? <TrailTable trail={community.trail} /> : null}
        </Card>
      ))}
    </div>
  );
}
