import { execFile } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { access, chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** System CA bundle on Debian; NODE_EXTRA_CA_CERTS must keep it when adding our CA (platform-notes §4.2). */
export const SYSTEM_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

export interface TlsMaterial {
  key: string;
  cert: string;
  /** Our CA certificate alone (PEM). */
  caPath: string;
  /** System bundle + our CA: ready for NODE_EXTRA_CA_CERTS. */
  bundlePath: string;
  /** base64 SHA-256 of the server certificate's SPKI, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
}

/**
 * Creates (once) a local CA and a server certificate for 127.0.0.1/localhost (+ `host`) in `dataDir` with the
 * openssl CLI — Node's crypto cannot issue X.509 certificates. Reused on later starts so trust settings stick.
 */
export async function ensureTlsMaterial(dataDir: string, host = "127.0.0.1"): Promise<TlsMaterial> {
  await mkdir(dataDir, { recursive: true });
  const f = (name: string) => join(dataDir, name);
  const caPath = f("ca.crt");
  const bundlePath = f("ca-bundle.pem");
  const hosts = new Set(["127.0.0.1", "localhost", host]);
  const san = [...hosts].map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(",");

  if (!(await exists(caPath)) || !(await exists(f("ca.key")))) {
    await openssl([
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-sha256",
      "-days",
      "3650",
      "-keyout",
      f("ca.key"),
      "-out",
      caPath,
      "-subj",
      "/CN=Local Entra Dev CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ]);
  }
  if (!(await exists(f("server.crt"))) || !(await certCovers(f("server.crt"), hosts))) {
    await openssl([
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-sha256",
      "-keyout",
      f("server.key"),
      "-out",
      f("server.csr"),
      "-subj",
      "/CN=local-entra",
    ]);
    await writeFile(
      f("server.ext"),
      `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\n`,
    );
    await openssl([
      "x509",
      "-req",
      "-in",
      f("server.csr"),
      "-CA",
      caPath,
      "-CAkey",
      f("ca.key"),
      "-CAcreateserial",
      "-days",
      "825",
      "-sha256",
      "-extfile",
      f("server.ext"),
      "-out",
      f("server.crt"),
    ]);
  }
  // Private keys are for this machine only; openssl writes them with the umask's mode.
  await Promise.all([chmod(f("ca.key"), 0o600), chmod(f("server.key"), 0o600)]);
  const ca = await readFile(caPath, "utf8");
  const system = await readFile(SYSTEM_CA_BUNDLE, "utf8").catch(() => "");
  await writeFile(bundlePath, `${system.trimEnd()}\n${ca}`);
  const cert = await readFile(f("server.crt"), "utf8");
  const spki = new X509Certificate(cert).publicKey.export({ type: "spki", format: "der" });
  return {
    key: await readFile(f("server.key"), "utf8"),
    cert,
    caPath,
    bundlePath,
    spkiSha256: createHash("sha256").update(spki).digest("base64"),
  };
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run("openssl", args);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new Error("local-entra --https needs the openssl CLI (apt-get install openssl)", { cause: err });
    throw new Error(`openssl ${args[0]} failed: ${(err as { stderr?: string }).stderr ?? String(err)}`, { cause: err });
  }
}

async function certCovers(certPath: string, hosts: Set<string>): Promise<boolean> {
  const cert = new X509Certificate(await readFile(certPath, "utf8"));
  if (new Date(cert.validTo).getTime() < Date.now() + 86_400_000) return false;
  const names = cert.subjectAltName ?? "";
  return [...hosts].every((h) => names.includes(isIP(h) ? `IP Address:${h}` : `DNS:${h}`));
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
