#!/usr/bin/env bash
# Mints a development access token signed with the documented development key (src/Api/appsettings.Development.json)
# and prints it alone on its last line.
#   scripts/dev-token.sh administrator
#   scripts/dev-token.sh reporter 0193a0c4-…        (a reporter is bound to one unit)
#   scripts/dev-token.sh system --scopes "measures.read reports.write"
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/.data/token-build"
dotnet build "$root/src/Api/PolicyApi.Api.csproj" -c Release -nologo -v quiet -o "$out" >/dev/null
ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development} dotnet "$out/PolicyApi.Api.dll" token "$@"
