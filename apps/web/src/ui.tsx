import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/** An error of the API, with its own message (what is wrong and what to do), read out at once. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  return (
    <p className="error" role="alert">
      {t('common.error')} {message}
    </p>
  );
}

/** A page's title, focused when the page opens so that a screen reader starts there. */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

/** What a list found, in the polite live region of its page. */
export function Status({ children }: { children: ReactNode }) {
  return (
    <p className="status" role="status" aria-live="polite">
      {children}
    </p>
  );
}

/** A chain of steps (an explanation path): account → group → … → access. */
export function Chain({ steps, label }: { steps: string[]; label: string }) {
  return (
    <ol className="chain" aria-label={label}>
      {steps.map((step, i) => (
        <li key={i}>{step}</li>
      ))}
    </ol>
  );
}

export const Severity = ({ value }: { value: string }) => {
  const { t } = useTranslation();
  return <span className={`severity severity-${value}`}>{t(`severity.${value}`)}</span>;
};

/**
 * Previous and next of a list the API pages by cursor. Each page has its own URL (the cursor is in it), so "previous"
 * goes back in the history rather than keeping a stack of cursors.
 */
export function CursorPager({ hasPrevious, next }: { hasPrevious: boolean; next: (() => void) | null }) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={t('common.pages')}>
      {hasPrevious ? (
        <button type="button" onClick={() => window.history.back()}>
          {t('common.previous')}
        </button>
      ) : null}
      {next ? (
        <button type="button" onClick={next}>
          {t('common.next')}
        </button>
      ) : null}
    </nav>
  );
}
