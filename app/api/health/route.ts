// Liveness only: answers without a token and reveals no data, so it must never read the cluster or the config.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
