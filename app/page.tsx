import { redirect } from "next/navigation";

// The checklist is the console's home.
export default function Home() {
  redirect("/tables");
}
