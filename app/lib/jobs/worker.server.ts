// Placeholder replaced by the job worker implementation (see docs and tests/integration/jobs.test.ts).
export function startWorker() {}
export async function stopWorker() {}
