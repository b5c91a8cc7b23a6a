import { useEffect } from 'react';

/**
 * Marks the page's `<main>` with `data-ready="true"` once its first data has rendered, `false` while it loads: the
 * benchmark (npm run bench:web) and the browser tests wait on it rather than on a delay. Set on the element itself,
 * not as a prop of the layout, so that each page says it for itself and a page change starts again at `false`.
 */
export function useReady(ready: boolean | undefined): void {
  useEffect(() => {
    const main = document.getElementById('main');
    // undefined: another component of the page (a search shown instead of the result) says it.
    if (!main || ready === undefined) return;
    main.dataset.ready = String(ready);
    return () => {
      main.dataset.ready = 'false';
    };
  }, [ready]);
}
