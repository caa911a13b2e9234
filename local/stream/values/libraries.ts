const SYS32 = "C:\\Windows\\System32";

/** DLLs for image-load events. */
export const LIBRARIES = [
  { fileName: "ntdll.dll", folder: SYS32, description: "NT Layer DLL" },
  { fileName: "kernel32.dll", folder: SYS32, description: "Windows NT BASE API Client DLL" },
  {
    fileName: "clr.dll",
    folder: "C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319",
    description: "Microsoft .NET Runtime Common Language Runtime",
  },
  {
    fileName: "System.Management.Automation.ni.dll",
    folder: "C:\\Windows\\assembly\\NativeImages_v4.0.30319_64\\System.Manaa57fc8cc#",
    description: "System.Management.Automation",
  },
  { fileName: "amsi.dll", folder: SYS32, description: "Anti-Malware Scan Interface" },
  { fileName: "wininet.dll", folder: SYS32, description: "Internet Extensions for Win32" },
  { fileName: "samlib.dll", folder: SYS32, description: "SAM Library DLL" },
  { fileName: "vaultcli.dll", folder: SYS32, description: "Credential Vault Client Library" },
  { fileName: "dbghelp.dll", folder: SYS32, description: "Windows Image Helper" },
  { fileName: "mscoree.dll", folder: SYS32, description: "Microsoft .NET Runtime Execution Engine" },
] as const;
