import { buildSetupScript, renderScript } from "@/kql/generate/script";
import { setupScriptQuerySchema } from "@/lib/schemas/tables";
import { withAuth } from "@/lib/server/guard";
import { parseInput } from "@/lib/server/state/route-helpers";
import { consoleTarget } from "@/lib/server/state/target";

export const dynamic = "force-dynamic";

/**
 * The whole setup script as a download, byte for byte what `npm run --silent export-kql [-- --tables A,B]` prints
 * (same builder, same renderer). `?tables=A,B` selects tables (catalog names only, else 400).
 */
export const GET = withAuth(
  (request) => {
    const query = parseInput(setupScriptQuerySchema, {
      tables: new URL(request.url).searchParams.get("tables") ?? undefined,
    });
    const { stagingTable, mappingName } = consoleTarget();
    const script = renderScript(buildSetupScript({ tables: query.tables, stagingTable, mappingName }));
    return new Response(script, {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "content-disposition": 'attachment; filename="defender-adx-setup.kql"',
        "cache-control": "no-store",
      },
    });
  },
  { role: "viewer" },
);
