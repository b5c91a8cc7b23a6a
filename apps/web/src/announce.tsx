import { useSyncExternalStore } from 'react';

/** What just happened (a finding acknowledged, a request approved), read out by the layout's live region. */
let message = '';
const listeners = new Set<() => void>();

export function announce(text: string): void {
  message = text;
  listeners.forEach((l) => l());
}

export function Announcer() {
  const text = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => message,
  );
  return (
    <p className="announce" role="status" aria-live="polite">
      {text}
    </p>
  );
}
