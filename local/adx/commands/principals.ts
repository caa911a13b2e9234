import type { CommandContext, CommandHandler, Role } from "./context";
import { checkDatabaseName } from "./policy-result";
import { columns, table } from "./result";

const ROLE_NAMES: Readonly<Record<Role, string>> = {
  admin: "Admin",
  user: "User",
  ingestor: "Ingestor",
  viewer: "Viewer",
};

/** `Database Defender Admin`, the documented role text. */
function roleText(ctx: CommandContext, role: Role): string {
  return `Database ${ctx.database} ${ROLE_NAMES[role]}`;
}

/** Type and object id of an FQN (`aaduser=<oid>;<tid>` / `aadapp=<appid>;<tid>`). */
function describeFqn(fqn: string): { type: string; id: string } {
  const [kind, rest = ""] = fqn.split("=", 2);
  const id = rest.split(";")[0] ?? "";
  return { type: kind?.toLowerCase() === "aadapp" ? "AAD Application" : "AAD User", id };
}

async function principals(ctx: CommandContext, cmd: Parameters<CommandHandler["run"]>[1]) {
  checkDatabaseName(ctx, cmd);
  return table(
    columns(
      "Role:string",
      "PrincipalType:string",
      "PrincipalDisplayName:string",
      "PrincipalObjectId:string",
      "PrincipalFQN:string",
      "Notes:string",
      "RoleAssignmentIdentifier:string",
    ),
    Object.entries(ctx.principals).map(([fqn, role]) => {
      const { type, id } = describeFqn(fqn);
      return [roleText(ctx, role), type, id, id, fqn, "", ""];
    }),
  );
}

async function principalRoles(ctx: CommandContext, cmd: Parameters<CommandHandler["run"]>[1]) {
  checkDatabaseName(ctx, cmd);
  const { id } = describeFqn(ctx.caller.principal);
  return table(columns("Scope:string", "DisplayName:string", "AADObjectID:string", "Role:string"), [
    [ctx.database, ctx.caller.displayName, id, roleText(ctx, ctx.caller.role)],
  ]);
}

/** Principal commands by parser `CommandKind`. Viewers may list principals (README: choice). */
export const PRINCIPAL_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  ShowDatabasePrincipals: { commandType: "DatabasePrincipalsShow", access: "read", run: principals },
  ShowDatabasePrincipalRoles: { commandType: "PrincipalRolesShow", access: "any", run: principalRoles },
  ShowPrincipalRoles: { commandType: "PrincipalRolesShow", access: "any", run: principalRoles },
};
