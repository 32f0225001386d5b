// PostgreSQL for tests: TEST_POSTGRES_URL points at a server where we may create databases.
export function adminPostgresUrl() {
  return process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function postgresUrlFor(database: string) {
  const url = new URL(adminPostgresUrl());
  url.pathname = `/${database}`;
  return url.toString();
}
