// A refused upload over a real socket: the client must receive the 413, not a connection reset.
// The request is turned into a web Request exactly as Remix's Express adapter does it
// (createReadableStreamFromReadable, whose cancel destroys the socket), and the body is sent
// chunked (no Content-Length), so the limit is found while streaming.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { readUploadToStorage } from "~/lib/uploads/upload.server.ts";
import { localBackend, type TestBackend } from "../helpers/storage.ts";

const BOUNDARY = "----coop-http";
let backend: TestBackend;
let server: http.Server;
let port: number;

beforeAll(async () => {
  backend = await localBackend();
  server = http.createServer(async (req, res) => {
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: createReadableStreamFromReadable(req),
      duplex: "half",
    } as RequestInit);
    const result = await readUploadToStorage(request, { storage: backend.storage, keyPrefix: "tests", maxBytes: 1024 * 1024, kinds: ["pdf"] });
    res.writeHead(result.ok ? 200 : result.problem.status, { "Content-Type": "text/plain" });
    res.end(result.ok ? "stored" : result.problem.key);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await backend.stop();
});

function send(totalBytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, method: "POST", path: "/upload", headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, "Transfer-Encoding": "chunked" } });
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.write(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`);
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const pump = () => {
      while (sent < totalBytes) {
        sent += chunk.length;
        if (!request.write(chunk)) return request.once("drain", pump);
      }
      request.end(`\r\n--${BOUNDARY}--\r\n`);
    };
    pump();
  });
}

describe("a refused upload over HTTP", () => {
  it("answers 413 to a client still sending a body a few MB over the limit, and stores nothing", async () => {
    const before = await backend.listKeys();
    expect(await send(5 * 1024 * 1024)).toEqual({ status: 413, body: "uploads:errors.tooLarge" });
    expect(await backend.listKeys()).toEqual(before);
  });

  it("still stores a file within the limit", async () => {
    expect(await send(512 * 1024)).toEqual({ status: 200, body: "stored" });
  });
});
