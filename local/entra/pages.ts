import { DEMO_USERS, type ClientApp } from "./directory";
import { escapeHtml } from "./http";

/** The IdP's few HTML pages: the user picker, the form_post reply, errors and the signed-out notice. */

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;background:#f3f4f6;color:#111827}
main{max-width:28rem;margin:4rem auto;background:#fff;border-radius:.5rem;padding:2rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.25rem;margin:0 0 .5rem}
p{color:#374151}
ul{list-style:none;padding:0;margin:1.5rem 0}
li+li{margin-top:.75rem}
button{width:100%;text-align:left;padding:.75rem 1rem;border:1px solid #9ca3af;border-radius:.375rem;background:#fff;font:inherit;cursor:pointer}
button:hover,button:focus-visible{border-color:#1d4ed8;outline:2px solid #1d4ed8;outline-offset:1px}
.name{display:block;font-weight:600}
.meta{display:block;color:#4b5563;font-size:.875rem}
.cancel{text-align:center;border-color:#d1d5db;color:#374151}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/**
 * One submit button per demo user in a single form posted back to /authorize. `login_request` names the pending
 * request server-side, so the page carries no OAuth parameter that could be tampered with.
 */
export function pickerPage(action: string, loginRequest: string, client: ClientApp): string {
  const buttons = DEMO_USERS.map(
    (u) => `<li><button type="submit" name="user" value="${escapeHtml(u.oid)}">
<span class="name">${escapeHtml(u.name)}</span>
<span class="meta">${escapeHtml(u.upn)} · ${escapeHtml(u.roles.join(", "))}</span></button></li>`,
  ).join("\n");
  return layout(
    "Sign in — local Entra ID",
    `<h1 id="title">Pick an account</h1>
<p>Local identity provider for development. Signing in to <strong>${escapeHtml(client.displayName)}</strong>.</p>
<form method="post" action="${escapeHtml(action)}" aria-labelledby="title">
<input type="hidden" name="login_request" value="${escapeHtml(loginRequest)}">
<ul>
${buttons}
</ul>
<button type="submit" name="cancel" value="1" class="cancel">Cancel</button>
</form>`,
  );
}

/** response_mode=form_post: the browser posts the reply to the app, as Entra ID's auto-submitting page does. */
export function formPostPage(redirectUri: string, params: Record<string, string>): string {
  const inputs = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("\n");
  return layout(
    "Signing in…",
    `<form method="post" action="${escapeHtml(redirectUri)}" id="reply">
${inputs}
<noscript><button type="submit">Continue</button></noscript>
</form>
<script>document.getElementById("reply").submit()</script>`,
  );
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p>`);
}

export function signedOutPage(): string {
  return layout("Signed out", `<h1>You signed out</h1><p>You can close this window.</p>`);
}
