# Builds dist\ServiceDesk with PyInstaller, then the installer dist\ServiceDesk-<version>-setup.exe.
# Needs Python 3.10+ with ServiceDesk installed (pip install -e .[packaging]) and Inno Setup 6 (iscc).
$ErrorActionPreference = "Stop"
$root = Resolve-Path "$PSScriptRoot\..\.."
Set-Location $root
$python = if ($env:PYTHON) { $env:PYTHON } else { "$root\.venv\Scripts\python.exe" }
$version = (Select-String -Path pyproject.toml -Pattern '^version\s*=\s*"([^"]+)"').Matches[0].Groups[1].Value

& $python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\servicedesk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

$iscc = if ($env:ISCC) { $env:ISCC } else { "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" packaging\windows\servicedesk.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "Installer: dist\ServiceDesk-$version-setup.exe"
