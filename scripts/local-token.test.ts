import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_USER,
  API_APP_ID_URI,
  API_CLIENT_ID,
  CONSOLE_ADMIN_ROLE,
  CONSOLE_VIEWER_ROLE,
  SPA_CLIENT_ID,
  STREAM_CLIENT_ID,
  VIEWER_USER,
} from "@/local/entra/directory";
import { startTestIdp, verifyToken, type IdpFixture } from "@/local/entra/testing/idp-fixture";

// Runs the real script as `npm run local-token` does (tsx), against an in-process IdP.
const SCRIPT = fileURLToPath(new URL("./local-token.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../", import.meta.url));
let fx: IdpFixture;

beforeAll(async () => {
  fx = await startTestIdp();
});
afterAll(() => fx.stop());

function localToken(args: string[], idpUrl = fx.idp.url): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", SCRIPT, ...args],
      { cwd: ROOT, env: { ...process.env, LOCAL_ENTRA_URL: idpUrl }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("local-token", () => {
  it("prints one line: the admin's access token for the console API", async () => {
    const { code, stdout, stderr } = await localToken(["admin"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe("");
    const claims = await verifyToken(fx.idp, lines[0]!, [API_CLIENT_ID, API_APP_ID_URI]);
    expect(claims).toMatchObject({
      oid: ADMIN_USER.oid,
      scp: "access_as_user",
      roles: [CONSOLE_ADMIN_ROLE],
      azp: SPA_CLIENT_ID,
    });
  });

  it("gives the viewer the viewer role, and an engine token On-Behalf-Of with --resource", async () => {
    const viewer = await localToken(["viewer"]);
    expect((await verifyToken(fx.idp, viewer.stdout.trim(), API_APP_ID_URI)).roles).toEqual([CONSOLE_VIEWER_ROLE]);
    const engine = await localToken(["viewer", "--resource", "http://127.0.0.1:8080"]);
    const claims = await verifyToken(fx.idp, engine.stdout.trim(), "http://127.0.0.1:8080");
    expect(claims).toMatchObject({ oid: VIEWER_USER.oid, scp: "user_impersonation", azp: API_CLIENT_ID });
  });

  it("prints the stream simulator's app token", async () => {
    const { stdout } = await localToken(["stream"]);
    expect(await verifyToken(fx.idp, stdout.trim(), "http://127.0.0.1:8080")).toMatchObject({
      appid: STREAM_CLIENT_ID,
      idtyp: "app",
    });
  });

  it("fails clearly when the IdP is not running, and on bad usage", async () => {
    const down = await localToken(["admin"], "http://127.0.0.1:9");
    expect(down.code).toBe(1);
    expect(down.stdout).toBe("");
    expect(down.stderr).toContain("not reachable at http://127.0.0.1:9");
    expect(down.stderr).toContain("npm run local-entra");
    const usage = await localToken(["root"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("usage: local-token");
  });
});
