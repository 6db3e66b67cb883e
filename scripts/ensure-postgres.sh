# Sourced: makes sure a PostgreSQL answers on 127.0.0.1:5432 with trust auth for the user postgres,
# and exports LAPOR_TEST_PG (an admin URL the tests use to create and drop their own databases).
pg_answers() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ! pg_answers; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && ls /etc/postgresql/*/main >/dev/null 2>&1; then
    ver=$(ls /etc/postgresql | sort -V | tail -1)
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start 2>/dev/null || true
  fi
fi
if ! pg_answers || ! psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
  # No usable cluster: make a throwaway one owned by the postgres user, trust auth, on 5432 if free.
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [[ -n "$bindir" ]] && ! pg_answers; then
    pgdir=$(mktemp -d /tmp/lapor-pg.XXXXXX); chown postgres "$pgdir"
    runuser -u postgres -- "$bindir/initdb" -D "$pgdir" -U postgres -A trust -E UTF8 --no-sync >/dev/null
    runuser -u postgres -- "$bindir/pg_ctl" -D "$pgdir" -w -l "$pgdir/log" \
      -o "-p 5432 -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  fi
fi
export LAPOR_TEST_PG=${LAPOR_TEST_PG:-postgresql://postgres@127.0.0.1:5432/postgres}
