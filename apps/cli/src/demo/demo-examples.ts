/**
 * The examples the help and the demo's banner give, on the demo company (npm start): the planted Marketing intern
 * who reaches the HR share, health data, through a group nested in its granting group. A reader who copies one
 * sees it work.
 */
export const DEMO_EXPLAIN_EXAMPLE = 'vfernandez share-rh';
