#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Build, test, run and clean HotReloadCluster.
.DESCRIPTION
    Run with the PowerShell dotnet tool pinned in dotnet-tools.json:
        dotnet tool restore
        dotnet pwsh ./build.ps1 test
    Tasks:
        build   restore and build the solution (warnings are errors)
        test    prepare PostgreSQL (local, via .ci/postgres.sh, unless HOTRELOAD_TEST_POSTGRES is set), build, run
                every test project, print "tests: N passed, N failed, N skipped"
        run     run a node on the embedded SQLite default, watching cluster-config/ (extra args go to the node)
        clean   remove bin/, obj/, artifacts/ and test results
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'run', 'clean')]
    [string] $Task = 'build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]] $Rest = @()
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = Join-Path $root 'HotReloadCluster.sln'
$results = Join-Path $root 'artifacts/test-results'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Dotnet {
    param([string[]] $Arguments)
    Write-Host "> dotnet $($Arguments -join ' ')" -ForegroundColor DarkGray
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE"
    }
}

function Invoke-Build {
    # Warnings are errors through Directory.Build.props (TreatWarningsAsErrors, with NU1603 exempted).
    Invoke-Dotnet @('build', $solution, '--configuration', $Configuration, '-nologo')
}

function Get-TestTotals {
    param([string] $Directory)
    $totals = [ordered]@{ passed = 0; failed = 0; skipped = 0 }
    if (-not (Test-Path $Directory)) { return $totals }
    foreach ($file in Get-ChildItem -Path $Directory -Filter '*.trx' -Recurse) {
        [xml] $trx = Get-Content -Raw -LiteralPath $file.FullName
        $counters = $trx.TestRun.ResultSummary.Counters
        $totals.passed += [int] $counters.passed
        $totals.failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        $totals.skipped += [int] $counters.notExecuted
    }
    return $totals
}

function Initialize-Postgres {
    # The tests need PostgreSQL. HOTRELOAD_TEST_POSTGRES names a server of your own; without it the local
    # PostgreSQL is installed if missing, started and prepared by the same script CI uses (idempotent).
    if ($env:HOTRELOAD_TEST_POSTGRES) {
        Write-Host "> PostgreSQL from HOTRELOAD_TEST_POSTGRES" -ForegroundColor DarkGray
        return
    }

    $script = Join-Path $root '.ci/postgres.sh'
    $isRoot = (& id -u) -eq '0'
    if ($isRoot) {
        Write-Host "> bash .ci/postgres.sh" -ForegroundColor DarkGray
        & bash $script
    }
    elseif (Get-Command sudo -ErrorAction SilentlyContinue) {
        Write-Host "> sudo bash .ci/postgres.sh" -ForegroundColor DarkGray
        & sudo bash $script
    }
    else {
        throw 'PostgreSQL setup needs root (or sudo) to install and start the local server; or set HOTRELOAD_TEST_POSTGRES to a server of yours.'
    }

    if ($LASTEXITCODE -ne 0) {
        throw "PostgreSQL setup (.ci/postgres.sh) failed with exit code $LASTEXITCODE"
    }
}

function Invoke-Test {
    Initialize-Postgres
    Invoke-Build
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    $arguments = @('test', $solution, '--configuration', $Configuration, '--no-build', '--nologo',
        '--logger', 'trx', '--logger', 'console;verbosity=minimal', '--results-directory', $results,
        '--blame-hang-timeout', '5m')
    Write-Host "> dotnet $($arguments -join ' ')" -ForegroundColor DarkGray
    & dotnet @arguments
    $exit = $LASTEXITCODE
    $totals = Get-TestTotals $results
    Write-Host ("tests: {0} passed, {1} failed, {2} skipped" -f $totals.passed, $totals.failed, $totals.skipped)
    if ($exit -ne 0 -or $totals.failed -gt 0) { throw "tests failed (dotnet test exit code $exit)" }
    if ($totals.passed -eq 0) { throw 'no test ran' }
}

function Invoke-Run {
    $node = Join-Path $root 'src/HotReloadCluster.Node'
    if (-not (Test-Path $node)) { throw "the node project is not there yet: $node" }
    Push-Location $root
    try {
        & dotnet run --project $node --configuration $Configuration -- @Rest
        exit $LASTEXITCODE
    }
    finally { Pop-Location }
}

function Invoke-Clean {
    Get-ChildItem -Path (Join-Path $root 'src'), (Join-Path $root 'tests') -Include 'bin', 'obj' -Directory -Recurse |
        Remove-Item -Recurse -Force
    foreach ($dir in 'artifacts', 'TestResults') {
        $path = Join-Path $root $dir
        if (Test-Path $path) { Remove-Item -Recurse -Force $path }
    }
    Write-Host 'clean'
}

switch ($Task) {
    'build' { Invoke-Build }
    'test' { Invoke-Test }
    'run' { Invoke-Run }
    'clean' { Invoke-Clean }
}
