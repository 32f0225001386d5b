// A real SMTP server on 127.0.0.1 that keeps what it receives, parsed, for assertions.
// Used by the email tests and the end-to-end tests (SMTP_URL = capture.url).
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SmtpCapture = {
  url: string;
  port: number;
  messages: ParsedMail[];
  /** Resolves with the first message (already received or arriving later) that matches. */
  waitForMessage(predicate?: (message: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  stop(): Promise<void>;
  /** While true, every message is refused with a temporary error (451), like a server in trouble. */
  setRejecting(rejecting: boolean): void;
};

/** `port` reuses a known port, e.g. to bring "the same" server back after stopping it. */
export async function startSmtpCapture(options: { port?: number } = {}): Promise<SmtpCapture> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<{ predicate: (m: ParsedMail) => boolean; resolve: (m: ParsedMail) => void }>();
  let rejecting = false;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (!rejecting) return callback();
      const error = Object.assign(new Error("Service temporarily unavailable, try again later"), { responseCode: 451 });
      callback(error);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push(parsed);
          for (const waiter of waiters) {
            if (waiter.predicate(parsed)) {
              waiters.delete(waiter);
              waiter.resolve(parsed);
            }
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitForMessage(predicate = () => true, timeoutMs = 5000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (message: ParsedMail) => {
            clearTimeout(timer);
            resolve(message);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching email within ${timeoutMs} ms (received ${messages.length})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    setRejecting(value) {
      rejecting = value;
    },
  };
}
