#!/usr/bin/env bash
# Starts or stops a private, throwaway PostgreSQL cluster on 127.0.0.1 for the tests.
#   scripts/postgres-cluster.sh start DIR PORT DB...   → creates the databases, prints the server URL
#   scripts/postgres-cluster.sh stop DIR
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
action=$1 dir=$2

# initdb and the server refuse to run as root; run them as the postgres user then.
run() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    port=$3
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    run "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync >/dev/null
    run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off" start >/dev/null
    for database in "${@:4}"; do run "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database"; done
    echo "postgres://postgres@127.0.0.1:$port"
    ;;
  stop)
    [ -d "$dir/data" ] && run "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
esac
