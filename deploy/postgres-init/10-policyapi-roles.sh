#!/bin/sh
# Runs once, when the postgres container initialises its data folder. Creates PolicyApi's two roles:
#  - policyapi_owner: owns the database and its tables; used only by the 'migrate' command;
#  - policyapi_app:   the service's login; the migrate command grants it DML only (audit log: INSERT and SELECT).
# Neither is a superuser. Passwords come from the compose environment.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$POLICYAPI_OWNER_PASSWORD" -v app_password="$POLICYAPI_APP_PASSWORD" <<'SQL'
CREATE ROLE policyapi_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE policyapi_app LOGIN PASSWORD :'app_password';
CREATE DATABASE policyapi OWNER policyapi_owner ENCODING 'UTF8' TEMPLATE template0;
SQL
