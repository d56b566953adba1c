#!/bin/sh
# Run once, by the postgres image, when the volume is new: the user "winwin" (not a
# superuser) with the password in its secret, the database "winwin" it owns, and
# unaccent (accent-blind search), which only a superuser may add.
set -eu
psql -v ON_ERROR_STOP=1 --username postgres --dbname postgres \
    --set=password="$(cat "$WINWIN_PASSWORD_FILE")" <<'SQL'
CREATE ROLE winwin LOGIN PASSWORD :'password';
CREATE DATABASE winwin OWNER winwin;
\connect winwin
CREATE EXTENSION IF NOT EXISTS unaccent;
SQL
