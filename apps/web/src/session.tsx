import { type MongoAbility, createMongoAbility } from '@casl/ability';
import { type PackRule, unpackRules } from '@casl/ability/extra';
import { AbilityProvider, useAbility } from '@casl/react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, createContext, useContext, useMemo } from 'react';
import { ApiError, type Schema, api, dataOf, setCsrfToken } from './api';

/** The subjects and actions of libs/access-control/src/staff-abilities.ts, as the session's rules name them. */
export type Action = 'manage' | 'read' | 'create' | 'update' | 'decide';
export type Subject =
  | 'Finding'
  | 'AuditRun'
  | 'SyncRun'
  | 'Metrics'
  | 'ApiDocs'
  | 'ApiToken'
  | 'AuditLog'
  | 'Access'
  | 'AccessRequest'
  | 'HrEvent'
  | 'Report'
  | 'Policy'
  | 'ReviewCampaign'
  | 'Configuration'
  | 'all';
export type Abilities = MongoAbility<[Action, Subject]>;

type Session = Schema<'Session'>;

const SessionContext = createContext<{ session: Session; signOut: () => Promise<void> } | null>(null);

/** Who is signed in, or null (401): asked once, and again after a sign-in or whenever the API answers 401. */
export function useSessionQuery() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<Session | null> => {
      try {
        const session = dataOf(await api.GET('/api/auth/session'));
        setCsrfToken(session.csrfToken);
        return session;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * The signed-in person's abilities, built from the rules the API sent (the same rules it enforces): pages and
 * buttons show only what they allow; the API still checks every request.
 */
export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  const client = useQueryClient();
  const ability = useMemo(() => createMongoAbility<Abilities>(unpackRules((session.rules ?? []) as PackRule<never>[])), [session.rules]);
  const signOut = async () => {
    await api.POST('/api/auth/sign-out');
    setCsrfToken(undefined);
    // The session's own query stays (its observer shows the sign-in page); what the person saw goes.
    client.setQueryData(['session'], null);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  };
  return (
    <SessionContext.Provider value={{ session, signOut }}>
      <AbilityProvider value={ability}>{children}</AbilityProvider>
    </SessionContext.Provider>
  );
}

export function useSession() {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export const useAbilities = () => useAbility<Abilities>();
