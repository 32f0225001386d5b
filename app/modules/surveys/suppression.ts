// The smallest group whose results are shown (anonymity: fewer responses could be matched to
// people). A plain module, so the pages that explain the rule read the same number on the server
// and in the browser (a constant from a .server module is undefined in the browser bundle).
export const MIN_GROUP = 5;
