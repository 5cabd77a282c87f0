<#
.SYNOPSIS
  Start one node of hospital-api on Windows: the PowerShell twin of deploy/hospital-api.sh.

.DESCRIPTION
  NOT TESTED ON WINDOWS: it was written beside the Linux launcher, which is the one measured
  (docs/BENCHMARKS.md). Keep it as simple as that one; try it on one workstation first.
  Works with Windows PowerShell 5.1 and PowerShell 7.

    powershell -ExecutionPolicy Bypass -File hospital-api.ps1 [prepare] [application arguments...]

  Once per version of the jar (and of the JVM and its options) it prepares, in a cache folder:
    1. the extracted layout: java -Djarmode=tools -jar app.jar extract (application jar + lib\);
    2. an AppCDS archive (app.jsa) from Spring Boot's training run (-XX:ArchiveClassesAtExit with
       -Dspring.context.exit=onRefresh: the application stops right after its context refresh).
  then runs java <options> -XX:SharedArchiveFile=app.jsa -jar <extracted>\app.jar.
  "prepare" only prepares (run it once after copying a new jar).

  The current folder is NOT changed: the application reads .env and keeps data\ and staging\
  in the folder it is started from. Start it from the node's folder, e.g. C:\hospital-api\no.

  Environment (all optional), as in hospital-api.sh:
    HOSPITAL_API_JAR          the fat jar; default: hospital-api.jar beside this script, else the
                              newest ..\target\hospital-api-*.jar
    HOSPITAL_API_CACHE        prepared versions; default: %LOCALAPPDATA%\hospital-api
    HOSPITAL_JAVA_OPTS        JVM options replacing the recommended ones (empty: JVM defaults)
    HOSPITAL_JAVA_OPTS_EXTRA  JVM options added after them
    HOSPITAL_API_CDS=off      start without the archive
    JAVA_HOME                 the Java 17+ to use; default: java.exe from PATH
#>
$ErrorActionPreference = 'Stop'

# The same recommended options as hospital-api.sh; the reasons are there and in docs/BENCHMARKS.md.
$DefaultJavaOpts = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m -Xms64m -Xmn16m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:+ExitOnOutOfMemoryError'

function Say([string]$Message) { [Console]::Error.WriteLine("hospital-api.ps1: $Message") }

$mode = 'run'
$appArgs = @($args)
if ($appArgs.Count -gt 0 -and ($appArgs[0] -eq 'prepare' -or $appArgs[0] -eq 'run')) {
    $mode = $appArgs[0]
    $appArgs = @($appArgs | Select-Object -Skip 1)
}

if ($env:JAVA_HOME) { $java = Join-Path $env:JAVA_HOME 'bin\java.exe' }
else { $java = (Get-Command java.exe -ErrorAction SilentlyContinue).Source }
if (-not $java -or -not (Test-Path -LiteralPath $java)) { throw 'no java found: install Java 17 or set JAVA_HOME' }

$jar = $env:HOSPITAL_API_JAR
if (-not $jar) {
    $beside = Join-Path $PSScriptRoot 'hospital-api.jar'
    if (Test-Path -LiteralPath $beside) { $jar = $beside }
    else {
        $built = Get-ChildItem -Path (Join-Path $PSScriptRoot '..\target') -Filter 'hospital-api-*.jar' -ErrorAction SilentlyContinue |
            Sort-Object LastWriteTimeUtc | Select-Object -Last 1
        if ($built) { $jar = $built.FullName }
    }
}
if (-not $jar -or -not (Test-Path -LiteralPath $jar)) { throw 'no jar: set HOSPITAL_API_JAR or put hospital-api.jar beside this script' }
$jarItem = Get-Item -LiteralPath $jar
$jar = $jarItem.FullName

if ($null -ne $env:HOSPITAL_JAVA_OPTS) { $javaOpts = $env:HOSPITAL_JAVA_OPTS } else { $javaOpts = $DefaultJavaOpts }
$optList = @($javaOpts -split '\s+' | Where-Object { $_ })
$extraList = @("$env:HOSPITAL_JAVA_OPTS_EXTRA" -split '\s+' | Where-Object { $_ })

$cache = $env:HOSPITAL_API_CACHE
if (-not $cache) { $cache = Join-Path $env:LOCALAPPDATA 'hospital-api' }
New-Item -ItemType Directory -Force -Path $cache | Out-Null

# One prepared folder per (jar, JVM build, JVM options): the jar by path, size and time, as the JVM
# checks its class path; the JVM by its path and its lib\modules file (changes with every update).
$modules = Get-Item -LiteralPath (Join-Path (Split-Path (Split-Path $java)) 'lib\modules') -ErrorAction SilentlyContinue
$keyText = ($java, "$($modules.Length) $($modules.LastWriteTimeUtc.Ticks)", $javaOpts, $jar,
    "$($jarItem.Length) $($jarItem.LastWriteTimeUtc.Ticks)") -join "`n"
$sha = [System.Security.Cryptography.SHA256]::Create()
$key = (($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($keyText)) | ForEach-Object { $_.ToString('x2') }) -join '').Substring(0, 12)
$name = [System.IO.Path]::GetFileNameWithoutExtension($jar)
$dir = Join-Path $cache "$name-$key"
$app = Join-Path $dir "app\$name.jar"
$jsa = Join-Path $dir 'app.jsa'
$failed = Join-Path $dir 'cds-failed'

# Start-Process joins arguments with spaces: quote each one (paths may hold spaces).
function Quote([string[]]$Words) { $Words | ForEach-Object { '"' + $_ + '"' } }

function Invoke-Java([string[]]$Arguments, [string]$WorkDir, [string]$Log) {
    $p = Start-Process -FilePath $java -ArgumentList (Quote $Arguments) -WorkingDirectory $WorkDir `
        -NoNewWindow -Wait -PassThru -RedirectStandardOutput $Log -RedirectStandardError "$Log.err"
    return $p.ExitCode
}

New-Item -ItemType Directory -Force -Path $dir | Out-Null
if (-not (Test-Path -LiteralPath $app)) {
    Say "extracting $($jarItem.Name) into $dir\app (once per version)"
    $tmp = Join-Path $dir "app.tmp.$PID"
    if (Test-Path -LiteralPath $tmp) { Remove-Item -Recurse -Force -LiteralPath $tmp }
    $code = Invoke-Java @('-Djarmode=tools', '-jar', $jar, 'extract', '--destination', $tmp) $dir (Join-Path $dir 'extract.log')
    if ($code -ne 0) { throw "extracting the jar failed (see $dir\extract.log)" }
    $inner = Get-ChildItem -LiteralPath $tmp -Filter '*.jar' | Select-Object -First 1
    if ($inner.Name -ne "$name.jar") { Rename-Item -LiteralPath $inner.FullName -NewName "$name.jar" }
    try { Rename-Item -LiteralPath $tmp -NewName 'app' } catch { Remove-Item -Recurse -Force -LiteralPath $tmp }
}
if (-not (Test-Path -LiteralPath $jsa) -and -not (Test-Path -LiteralPath $failed)) {
    Say "training run for the class-data-sharing archive (once per version; log: $dir\training.log)"
    # In a scratch folder with only the system's variables (so: a scratch SQLite file and staging
    # area, no accounts, no database server); it must not touch the node's data, even while it runs.
    $scratch = Join-Path $dir "training.$PID"
    New-Item -ItemType Directory -Force -Path $scratch | Out-Null
    $keep = @('PATH', 'PATHEXT', 'SYSTEMROOT', 'WINDIR', 'SYSTEMDRIVE', 'COMSPEC', 'TEMP', 'TMP',
        'USERPROFILE', 'LOCALAPPDATA', 'APPDATA', 'PROGRAMDATA', 'COMPUTERNAME', 'USERNAME',
        'NUMBER_OF_PROCESSORS', 'PROCESSOR_ARCHITECTURE', 'OS')
    $saved = @{}
    foreach ($item in @(Get-ChildItem env:)) {
        if ($keep -notcontains $item.Name.ToUpperInvariant()) {
            $saved[$item.Name] = $item.Value
            [Environment]::SetEnvironmentVariable($item.Name, $null)
        }
    }
    $env:SERVER_PORT = '0'
    try {
        $code = Invoke-Java ($optList + @("-XX:ArchiveClassesAtExit=$jsa.tmp", '-Dspring.context.exit=onRefresh', '-jar', $app)) `
            $scratch (Join-Path $dir 'training.log')
    } finally {
        [Environment]::SetEnvironmentVariable('SERVER_PORT', $null)
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
    if ($code -eq 0 -and (Test-Path -LiteralPath "$jsa.tmp")) {
        Move-Item -Force -LiteralPath "$jsa.tmp" -Destination $jsa
        Say "archive ready: $jsa"
    } else {
        Remove-Item -Force -LiteralPath "$jsa.tmp" -ErrorAction SilentlyContinue
        New-Item -ItemType File -Force -Path $failed | Out-Null
        Say "training run failed (see $dir\training.log); starting without the archive. Delete $failed to try again."
    }
    Remove-Item -Recurse -Force -LiteralPath $scratch -ErrorAction SilentlyContinue
}
if ($mode -eq 'prepare') { exit 0 }

$cds = @()
if ((Test-Path -LiteralPath $jsa) -and $env:HOSPITAL_API_CDS -ne 'off') { $cds = @("-XX:SharedArchiveFile=$jsa") }
& $java @optList @extraList @cds -jar $app @appArgs
exit $LASTEXITCODE
