import { notFound } from "next/navigation";

/** Where proxy.ts sends `/tables/<name>` for a name outside the catalog: no loading boundary above, so a real 404. */
export default function TableNotFoundPage(): never {
  notFound();
}
