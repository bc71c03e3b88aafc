#!/usr/bin/env bash
# Starts the local PostgreSQL 15 (installing it when missing) and makes sure the role and database the tests
# use exist: role hotreload / password hotreload, CREATEDB (each test creates its own database), database
# hotreload. Idempotent: safe to run twice.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start
fi

for _ in $(seq 1 30); do
  if su postgres -c "psql -tAc 'SELECT 1'" >/dev/null 2>&1; then break; fi
  sleep 0.5
done

su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hotreload') THEN
    CREATE ROLE hotreload LOGIN PASSWORD 'hotreload' CREATEDB;
  ELSE
    ALTER ROLE hotreload LOGIN PASSWORD 'hotreload' CREATEDB;
  END IF;
END
$$;
SQL
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='hotreload'\"" | grep -q 1; then
  su postgres -c "psql -v ON_ERROR_STOP=1 -q -c 'CREATE DATABASE hotreload OWNER hotreload'"
fi
echo "postgres: ready on 127.0.0.1:5432 (role hotreload)"
