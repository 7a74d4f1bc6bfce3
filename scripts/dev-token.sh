#!/usr/bin/env bash
# Mints a development access token signed with the documented development key (src/Api/appsettings.Development.json)
# and prints it alone on its last line.
#   scripts/dev-token.sh administrator
#   scripts/dev-token.sh reporter 0193a0c4-…        (a reporter is bound to one unit)
#   scripts/dev-token.sh system --scopes "measures.read reports.write"
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
project="$root/src/Api/PolicyApi.Api.csproj"
configuration=${CONFIGURATION:-Release}

# The project's own output (run.sh serves from .data/build, which this never touches), built only when a source is
# newer than it: after scripts/test.sh or any build of the solution a token costs a second or two, not a build.
dll=$(dotnet msbuild "$project" -nologo -p:Configuration="$configuration" -getProperty:TargetPath)
if [ ! -f "$dll" ] || [ -n "$(find "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
    \( -name bin -o -name obj \) -prune -o -type f -newer "$dll" -print -quit)" ]; then
  dotnet build "$project" -c "$configuration" -nologo -v quiet >/dev/null
fi
ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development} dotnet "$dll" token "$@"
