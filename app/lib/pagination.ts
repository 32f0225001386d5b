// The page number of a listing from the query string: a positive integer, else 1.
export function parsePage(value: string | null) {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}
