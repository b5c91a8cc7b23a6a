import type { ComponentType } from 'react';
import type { Abilities } from '../session';
import { AccessRequestsPage } from './access-requests-page';
import { ChangesPage } from './changes-page';
import { PolicyPage } from './policy-page';
import { ReportsPage } from './reports-page';
import { DashboardPage } from './dashboard-page';
import { FindingPage } from './finding-page';
import { FindingsPage } from './findings-page';
import { IdentityAccessPage } from './identity-access-page';
import { ResourceAccessPage } from './resource-access-page';
import { TrailPage } from './trail-page';

export interface Page {
  /** The path, with `:name` for a parameter. */
  path: string;
  /** i18n key of its title (the nav and the page's h1). */
  title: string;
  Component: ComponentType<{ params: Record<string, string> }>;
  allowed(ability: Abilities): boolean;
  /** In the nav; pages reached from another one (a resource's access) are not. */
  nav: boolean;
}

/**
 * Every page of the desk. The home page is the dashboard for whoever may read the findings; the others land on the
 * first page of the nav they may see (app.tsx).
 */
export const PAGES: Page[] = [
  { path: '/', title: 'nav.dashboard', Component: DashboardPage, allowed: (a) => a.can('read', 'Finding'), nav: true },
  { path: '/findings', title: 'nav.findings', Component: FindingsPage, allowed: (a) => a.can('read', 'Finding'), nav: true },
  { path: '/findings/:id', title: 'nav.findings', Component: FindingPage, allowed: (a) => a.can('read', 'Finding'), nav: false },
  { path: '/access-requests', title: 'nav.requests', Component: AccessRequestsPage, allowed: (a) => a.can('read', 'AccessRequest'), nav: true },
  { path: '/identities', title: 'nav.identities', Component: IdentityAccessPage, allowed: (a) => a.can('read', 'Access'), nav: true },
  { path: '/identities/:id', title: 'nav.identities', Component: IdentityAccessPage, allowed: (a) => a.can('read', 'Access'), nav: false },
  { path: '/resources', title: 'nav.resources', Component: ResourceAccessPage, allowed: (a) => a.can('read', 'Access'), nav: true },
  { path: '/resources/:id', title: 'nav.resources', Component: ResourceAccessPage, allowed: (a) => a.can('read', 'Access'), nav: false },
  { path: '/changes', title: 'nav.changes', Component: ChangesPage, allowed: (a) => a.can('read', 'SyncRun'), nav: true },
  { path: '/reports', title: 'nav.reports', Component: ReportsPage, allowed: (a) => a.can('read', 'Report'), nav: true },
  { path: '/policy', title: 'nav.policy', Component: PolicyPage, allowed: (a) => a.can('read', 'Policy'), nav: true },
  { path: '/trail', title: 'nav.trail', Component: TrailPage, allowed: (a) => a.can('read', 'AuditLog'), nav: true },
];

export function pageOf(path: string): { page: Page; params: Record<string, string> } | undefined {
  const parts = path.replace(/\/+$/, '').split('/');
  for (const page of PAGES) {
    const pattern = page.path.replace(/\/+$/, '').split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (pattern.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = decodeURIComponent(parts[i]!)), parts[i] !== '') : p === parts[i]))) {
      return { page, params };
    }
  }
  return undefined;
}
