import type { AccessRequestView, CatalogueEntryView, DelegationView, PersonView } from '#vigie/application';

/**
 * Access requests as `vigie request …`, `vigie approve` and `vigie reject` print them for a person at a terminal.
 * The request's expiry and the grant's end are two columns with two names, never one "expires" (Teleport issues 14040
 * and 32226): a request expires only while it waits for a decision; a grant ends when its membership is removed.
 * Times in UTC, to the minute.
 */

const minute = (iso: string | null): string => (iso ? `${iso.slice(0, 16)}Z` : '-');

/** The request's own expiry: meaningful only while it waits (once decided, it no longer expires). */
export function requestExpiry(r: AccessRequestView): string {
  return r.status === 'pending' ? minute(r.requestExpiresAt) : '-';
}

/** When the grant ends: its date once known, permanent, or what was asked while nothing is granted yet. */
export function grantEnd(r: AccessRequestView): string {
  const g = r.grant;
  if (g) {
    if (g.endsAt) return minute(g.endsAt);
    if (g.durationDays === null) return 'permanent';
    return g.startsAt ? '-' : `${days(g.durationDays)} after provisioning`;
  }
  if (r.status !== 'pending') return '-';
  return r.durationDays === null ? 'permanent (asked)' : `${days(r.durationDays)} (asked)`;
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

function waitingOn(r: AccessRequestView): string {
  const s = r.currentStage;
  return s ? `${s.index + 1}/${r.stages.length} ${s.kind}` : '-';
}

const LIST_COLUMNS = ['ID', 'STATUS', 'BENEFICIARY', 'RESOURCE', 'LEVEL', 'WAITING ON', 'REQUEST EXPIRES', 'GRANT ENDS', 'GRANT'] as const;

/** One request a line, its id first (what `vigie request show`, `vigie approve` and `vigie reject` take). */
export function formatRequestsTable(requests: readonly AccessRequestView[], more = false): string {
  if (!requests.length) return 'No access request.\n';
  const rows = requests.map((r) => [
    r.id,
    r.status,
    who(r.beneficiary),
    r.resource.id,
    r.level,
    waitingOn(r),
    requestExpiry(r),
    grantEnd(r),
    r.grant?.status ?? '-',
  ]);
  const footer = more ? ['', 'More requests match: raise --limit, or narrow with --status or --resource.'] : [];
  return [table(LIST_COLUMNS, rows), ...footer, ''].join('\n');
}

const CATALOGUE_COLUMNS = ['RESOURCE', 'LEVEL', 'CRITICALITY', 'POLICY', 'DECIDED BY', 'DAYS', 'NOW', 'MEANING'] as const;

/** What the beneficiary may ask for, one resource and level a line. */
export function formatCatalogueTable(entries: readonly CatalogueEntryView[]): string {
  if (!entries.length) return 'Nothing to ask for: the policy marks no resource or group requestable.\n';
  const rows = entries.map((e) => [
    e.resource.id,
    e.level,
    `${e.resource.criticality}${e.resource.privileged ? ' (privileged)' : ''}`,
    e.allowedByPolicy ? 'allowed' : e.exception ? 'exception' : 'refused',
    e.chain.join(' > '),
    `${e.defaultDays === null ? 'permanent' : e.defaultDays} (max ${e.maxDays}${e.permanentAllowed ? ', or permanent' : ''})`,
    e.alreadyHeld ? 'held' : e.openRequest ? `asked: ${e.openRequest}` : '-',
    e.meaning,
  ]);
  return [table(CATALOGUE_COLUMNS, rows), '', 'POLICY: allowed by the access rules; exception: sent to the security officer with a warning; refused.', ''].join(
    '\n',
  );
}

/** One request in full: who asked what for whom, its two expiries, the chain with each decision, and who decides now. */
export function formatRequest(r: AccessRequestView): string {
  const lines = [
    `access request ${r.id}: ${r.status}`,
    `  beneficiary      ${person(r.beneficiary)}${r.requester.key === r.beneficiary.key ? '' : `, asked by ${person(r.requester)}`}`,
    `  resource         ${r.resource.id} "${r.resource.name}" (${r.resource.type}, ${r.resource.criticality}${r.resource.privileged ? ', privileged' : ''}), level ${r.level}`,
    `  membership       ${r.target.memberDn} in ${r.target.groupDn} (${r.target.directory})`,
    `  justification    ${r.justification}`,
    `  asked for        ${r.durationDays === null ? 'permanent access' : `${days(r.durationDays)} from provisioning`}`,
    ...(r.policyWarning ? [`  POLICY WARNING   ${r.policyWarning}`] : []),
    `  created          ${minute(r.createdAt)}`,
    r.status === 'pending'
      ? `  request expires  ${minute(r.requestExpiresAt)} (undecided by then, it expires and nothing is granted)`
      : `  request closed   ${minute(r.closedAt)}`,
    `  grant            ${grantLine(r)}`,
    ...(r.grant?.lastError ? [`  last error       ${r.grant.lastError}`] : []),
    '  approval chain',
    ...r.stages.map((s, i) => {
      const head = `    ${i + 1}. ${s.kind.padEnd(16)}`;
      const note = s.note ? ` (${s.note})` : '';
      if (s.decision) {
        const deputy = s.decision.onBehalfOf ? ` for ${s.decision.onBehalfOf}` : '';
        return `${head} ${s.decision.outcome} by ${who(s.decision.by)}${deputy} at ${minute(s.decision.at)}: ${s.decision.comment}${note}`;
      }
      if (r.currentStage?.index === i) return `${head} WAITING since ${minute(s.openedAt)}, decided by ${deciders(r)}${note}`;
      const deciding = s.kind === 'security-officer' ? 'a security officer' : s.approvers.join(', ') || '-';
      return `${head} ${r.status === 'pending' ? `to come, decided by ${deciding}` : 'not reached'}${note}`;
    }),
    '',
  ];
  return lines.join('\n');
}

export function formatDelegation(d: DelegationView): string {
  return `delegation ${d.id}: ${person(d.deputy)} decides for ${d.delegator} from ${minute(d.from)} until ${minute(d.until)}\n`;
}

function grantLine(r: AccessRequestView): string {
  const g = r.grant;
  if (!g) return r.status === 'pending' ? 'not yet (every stage must approve)' : 'none';
  const end = g.endsAt ? `ends ${minute(g.endsAt)}` : g.durationDays === null ? 'permanent' : `ends ${days(g.durationDays)} after provisioning`;
  const since = g.startsAt ? `since ${minute(g.startsAt)}, ` : '';
  const ended = g.endedAt ? `, ended ${minute(g.endedAt)}${g.endReason ? ` (${g.endReason}${g.revokeReason ? `: ${g.revokeReason}` : ''})` : ''}` : '';
  return `${g.status}, ${since}${end}${ended}`;
}

function deciders(r: AccessRequestView): string {
  const s = r.currentStage!;
  if (s.securityOfficers) return 'any security officer (as a person)';
  return `${s.approvers.join(', ')} (or their deputy)`;
}

const who = (p: PersonView): string => p.login ?? p.dn;
const person = (p: PersonView): string => `${who(p)}${p.name && p.name !== p.login ? ` (${p.name})` : ''} [${p.directory}]`;

function table(columns: readonly string[], rows: string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((c, i) => (i === values.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns), ...rows.map(line)].join('\n');
}
