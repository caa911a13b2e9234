import { NextResponse, type NextRequest } from "next/server";
import { findTable } from "@/kql/catalog";

/**
 * Only catalog tables have a page. Any other `/tables/<name>` is sent to a route that throws notFound() before
 * anything streams, so the answer is a real 404: the table page itself sits under the dashboard's loading boundary,
 * where the shell (and a 200) is already on its way when its own notFound() runs.
 */
export function proxy(request: NextRequest) {
  const segment = request.nextUrl.pathname.split("/")[2] ?? "";
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    name = "";
  }
  if (findTable(name)) return NextResponse.next();
  return NextResponse.rewrite(new URL("/table-not-found", request.url));
}

export const config = { matcher: "/tables/:table" };
