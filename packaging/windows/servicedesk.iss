; Inno Setup script: the Windows installer for the standalone program.
;
; On Windows, from the repository root:
;   powershell -ExecutionPolicy Bypass -File packaging\windows\build-installer.ps1
; which builds dist\ServiceDesk with PyInstaller and then runs
;   iscc /DAppVersion=<version from pyproject.toml> packaging\windows\servicedesk.iss
; The installer lands in dist\ServiceDesk-<version>-setup.exe.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "ServiceDesk"
#define AppExe "ServiceDeskWindow.exe"
#define Root "..\.."

[Setup]
; The AppId identifies the program to Windows for upgrades and uninstalling: never change it.
AppId={{6F1B2C8E-3D4A-4E5F-9A7B-2C1D0E9F8A61}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ServiceDesk
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=ServiceDesk-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\servicedesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\ServiceDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Customers, schedule and communication"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The office's data (database, documents, backups, logs) lives in the user's data folder and is
; deliberately left in place by the uninstaller.
