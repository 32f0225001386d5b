// A burst of write transactions (a popular webinar just announced: hundreds of people register in
// the same second) queues here, first come first served, instead of in the database pool: Prisma
// gives up on a transaction that waits longer than its maxWait for a connection (P2028), and the
// person would see an error page. A slot is taken before the transaction starts, so its maxWait
// clock only runs once a connection is actually free. The wait for a slot is bounded too: past it
// the person gets "too busy, try again" (503) with the form kept, never a 500.
import { DomainError } from "~/lib/domain-error.ts";

/** PostgreSQL's pool holds 10 connections (db.server.ts): two stay free for plain reads. */
const SLOTS = 8;
const MAX_WAIT_MS = 60_000;

export class TransactionSlots {
  private busy = 0;
  private readonly waiting: Array<{
    start: () => void;
    timer: NodeJS.Timeout;
  }> = [];

  constructor(
    private readonly slots = SLOTS,
    private readonly maxWaitMs = MAX_WAIT_MS
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  get queued() {
    return this.waiting.length;
  }

  private acquire(): Promise<void> {
    if (this.busy < this.slots) {
      this.busy++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        start: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(entry), 1);
          reject(new DomainError("common:errors.busy", {}, { status: 503 }));
        }, this.maxWaitMs),
      };
      this.waiting.push(entry);
    });
  }

  private release() {
    const next = this.waiting.shift();
    // The slot passes straight to the next in line (busy stays the same).
    if (next) next.start();
    else this.busy--;
  }
}

/** The process's slots for transactions that come in bursts (registrations, cancellations). */
export const transactionSlots = new TransactionSlots();
