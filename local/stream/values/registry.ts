/** Registry material for DeviceRegistryEvents / DeviceEvents. */
export const REGISTRY_KEYS = [
  "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run",
  "HKEY_CURRENT_USER\\{sid}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run",
  "HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\bam\\State\\UserSettings\\{sid}",
  "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows Defender",
  "HKEY_CURRENT_USER\\{sid}\\SOFTWARE\\Microsoft\\Office\\16.0\\Common\\Identity",
  "HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\FirewallRules",
  "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\Tree\\OneDrive Reporting Task",
  "HKEY_CURRENT_USER\\{sid}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs",
] as const;

export const REGISTRY_VALUES = [
  { name: "OneDrive", type: "String", data: '"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe" /background' },
  { name: "SecurityHealth", type: "ExpandString", data: "%windir%\\system32\\SecurityHealthSystray.exe" },
  { name: "DisableAntiSpyware", type: "Dword", data: "0" },
  { name: "Version", type: "Dword", data: "1" },
  { name: "SequenceNumber", type: "Dword", data: "9" },
  { name: "\\Device\\HarddiskVolume3\\Windows\\System32\\cmd.exe", type: "Binary", data: "" },
  { name: "Updater", type: "String", data: "powershell.exe -w hidden -enc SQBFAFgA" },
  { name: "MRUListEx", type: "Binary", data: "" },
] as const;
