// The reference for bench/fanout.mjs: a minimal Node SSE broadcaster (no framework, no database).
// GET /events holds a stream; POST /publish broadcasts the posted body as one event to all of them.
import http from "node:http";

const clients = new Set();
let id = 0;
http
  .createServer((req, res) => {
    if (req.method === "GET") {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
      res.write("retry: 3000\n\n");
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return;
    }
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const frame = `id: ${++id}\nevent: notice\ndata: ${JSON.stringify({ message: body })}\n\n`;
      for (const client of clients) client.write(frame);
      res.end("ok");
    });
  })
  .listen(Number(process.env.PORT), "127.0.0.1");
