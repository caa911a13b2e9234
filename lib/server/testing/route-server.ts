import "server-only";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// Any route handler, whatever its params type (a parameter of type Promise<never> accepts them all).
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

/** Serves route handlers over real HTTP (path → handler), as Next would, for tests of the browser's fetch wrapper. */
export async function serveRoutes(routes: Record<string, Handler>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const handler = routes[url.pathname];
    if (!handler) {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ code: "not_found:api", message: "No route" }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
    const request = new Request(url, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const response = await handler(request, { params: Promise.resolve({}) as Promise<never> });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
