# syntax=docker/dockerfile:1
# Multi-stage build of the PolicyApi service: SDK to build, ASP.NET runtime to run, as a non-root user.
# Base images pinned to the exact SDK and runtime the code is built and tested with (pin by digest where the registry is reachable).

FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props PolicyApi.sln .editorconfig ./
COPY src/Domain/PolicyApi.Domain.csproj src/Domain/
COPY src/Infrastructure/PolicyApi.Infrastructure.csproj src/Infrastructure/
COPY src/Api/PolicyApi.Api.csproj src/Api/
RUN dotnet restore src/Api/PolicyApi.Api.csproj
COPY src/ src/
RUN dotnet publish src/Api/PolicyApi.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-noble AS runtime
WORKDIR /app
# curl only for the HEALTHCHECK below.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app ./
# Where audit checkpoints are written when Audit__CheckpointFile points here (a volume outside the database).
RUN mkdir -p /var/lib/policyapi/audit && chown app:app /var/lib/policyapi/audit
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
# The image's built-in unprivileged user (uid 1654).
USER app
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
# The service by default; "migrate" (as the owner role) for the migration step of a deployment.
ENTRYPOINT ["dotnet", "PolicyApi.Api.dll"]
