# shellcheck shell=bash
# Helpers shared by bin/run and bin/test (sourced, not executed).
#
# Everything is derived at run time from the location of this file and from
# environment variables; no path of a particular machine is written here.
#
# Environment (all optional):
#   ODOO_BIN               odoo executable (default: `odoo` from PATH)
#   PENGADUAN_CONF         Odoo config file (default: <repo>/odoo.conf)
#   PENGADUAN_ADDONS_PATH  comma-separated addons dirs holding our modules
#                          (default: <repo>/addons)
#   PENGADUAN_MODULES      comma-separated candidate modules
#                          (default: pengaduan,pengaduan_dukcapil,pengaduan_dpmptsp,pengaduan_skm)
#   PGHOST PGPORT PGUSER PGPASSWORD  PostgreSQL connection (passed to Odoo as
#                          --db_host/--db_port/--db_user/--db_password when set)

PENGADUAN_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_BIN="${ODOO_BIN:-odoo}"
PENGADUAN_CONF="${PENGADUAN_CONF:-$PENGADUAN_REPO/odoo.conf}"
PENGADUAN_ADDONS_PATH="${PENGADUAN_ADDONS_PATH:-$PENGADUAN_REPO/addons}"
PENGADUAN_MODULES="${PENGADUAN_MODULES:-pengaduan,pengaduan_dukcapil,pengaduan_dpmptsp,pengaduan_skm}"

# Print to stderr.
pg_err() { printf '%s\n' "$*" >&2; }

# check_odoo: make sure $ODOO_BIN exists and is Odoo 19.x.
# Returns 0 when fine; prints a clear message and returns 2 otherwise.
check_odoo() {
    local path version
    if ! path="$(command -v "$ODOO_BIN" 2>/dev/null)" || [ -z "$path" ]; then
        pg_err "ERROR: '$ODOO_BIN' not found on PATH. Install Odoo 19.0 Community and put its 'odoo' launcher on PATH (or set ODOO_BIN)."
        return 2
    fi
    version="$("$path" --version 2>/dev/null | tr -d '\r' | head -n1)"
    case "$version" in
        "Odoo Server 19."*) ;;
        *)
            pg_err "ERROR: '$path' reports '${version:-nothing}', but Odoo 19.0 is required."
            return 2
            ;;
    esac
    ODOO_PATH="$path"
    ODOO_VERSION="$version"
    return 0
}

# odoo_python: print the Python interpreter running odoo (from the launcher's
# shebang, after resolving symlinks). Empty output when it cannot be found.
odoo_python() {
    local launcher shebang interp arg
    launcher="$(readlink -f "$(command -v "$ODOO_BIN")" 2>/dev/null)" || return 1
    [ -f "$launcher" ] || return 1
    IFS= read -r shebang <"$launcher" || true
    case "$shebang" in
        '#!'*) ;;
        *) return 1 ;;
    esac
    shebang="${shebang#\#!}"
    # shellcheck disable=SC2086
    set -- $shebang
    interp="${1:-}"
    if [ "$(basename "$interp")" = "env" ]; then
        shift
        for arg in "$@"; do
            case "$arg" in -*) continue ;; *=*) continue ;; esac
            interp="$(command -v "$arg" 2>/dev/null)" || return 1
            break
        done
    fi
    [ -n "$interp" ] && [ -x "$interp" ] || return 1
    printf '%s\n' "$interp"
}

# db_args: fill the array DB_ARGS with --db_* options derived from PG* env vars.
db_args() {
    DB_ARGS=()
    if [ -n "${PGHOST:-}" ]; then DB_ARGS+=("--db_host=$PGHOST"); fi
    if [ -n "${PGPORT:-}" ]; then DB_ARGS+=("--db_port=$PGPORT"); fi
    if [ -n "${PGUSER:-}" ]; then DB_ARGS+=("--db_user=$PGUSER"); fi
    if [ -n "${PGPASSWORD:-}" ]; then DB_ARGS+=("--db_password=$PGPASSWORD"); fi
    # a streaming replica for the read-only requests (README, "Read replica"). Odoo reads these
    # two itself too, and takes an empty PGHOST_REPLICA for its development mode "replica":
    # an empty one (compose passes ${PGHOST_REPLICA:-}) means none
    if [ -n "${PGHOST_REPLICA:-}" ]; then DB_ARGS+=("--db_replica_host=$PGHOST_REPLICA"); else unset PGHOST_REPLICA; fi
    if [ -n "${PGPORT_REPLICA:-}" ]; then DB_ARGS+=("--db_replica_port=$PGPORT_REPLICA"); else unset PGPORT_REPLICA; fi
    return 0
}

# find_modules: fill MODULES (array) and MODULE_DIRS (array) with the candidate
# modules of $PENGADUAN_MODULES that exist with a __manifest__.py in one of the
# dirs of $PENGADUAN_ADDONS_PATH.
find_modules() {
    local mod dir
    local -a candidates dirs
    MODULES=()
    MODULE_DIRS=()
    IFS=',' read -r -a candidates <<<"$PENGADUAN_MODULES"
    IFS=',' read -r -a dirs <<<"$PENGADUAN_ADDONS_PATH"
    for mod in "${candidates[@]}"; do
        mod="${mod// /}"
        [ -n "$mod" ] || continue
        for dir in "${dirs[@]}"; do
            if [ -f "$dir/$mod/__manifest__.py" ]; then
                MODULES+=("$mod")
                MODULE_DIRS+=("$(cd "$dir/$mod" && pwd)")
                break
            fi
        done
    done
}

# join_by SEP ITEMS...: print ITEMS joined by SEP.
join_by() {
    local sep="$1"
    shift
    local out="" item
    for item in "$@"; do
        out="${out:+$out$sep}$item"
    done
    printf '%s' "$out"
}

# abs_addons_path: print $PENGADUAN_ADDONS_PATH with each entry made absolute.
abs_addons_path() {
    local -a dirs out
    local dir
    IFS=',' read -r -a dirs <<<"$PENGADUAN_ADDONS_PATH"
    out=()
    for dir in "${dirs[@]}"; do
        [ -n "$dir" ] || continue
        if [ -d "$dir" ]; then
            out+=("$(cd "$dir" && pwd)")
        else
            out+=("$dir")
        fi
    done
    join_by , "${out[@]}"
}

# psql_query SQL [DBNAME]: run a query (tuples only, unaligned) through psql,
# or through the Odoo Python's psycopg2 when psql is missing.
psql_query() {
    local sql="$1" dbname="${2:-postgres}" py
    if command -v psql >/dev/null 2>&1; then
        psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$dbname" -c "$sql"
        return
    fi
    py="$(odoo_python)" || return 1
    "$py" - "$dbname" "$sql" <<'PY'
import sys

import psycopg2

conn = psycopg2.connect(dbname=sys.argv[1])
try:
    with conn.cursor() as cr:
        cr.execute(sys.argv[2])
        if cr.description:
            for row in cr.fetchall():
                print("|".join("" if v is None else str(v) for v in row))
finally:
    conn.close()
PY
}

# db_exists NAME: 0 when the database exists, 1 when not, 2 when PostgreSQL
# cannot be reached.
db_exists() {
    local out
    if ! out="$(psql_query "SELECT 1 FROM pg_database WHERE datname = '${1//\'/\'\'}'" postgres 2>&1)"; then
        pg_err "ERROR: cannot query PostgreSQL: $out"
        return 2
    fi
    [ "$(printf '%s' "$out" | tr -d '[:space:]')" = "1" ]
}

# wait_for_postgres [SECONDS]: wait until PostgreSQL accepts connections.
wait_for_postgres() {
    local timeout="${1:-30}" i=0
    while ! psql_query "SELECT 1" postgres >/dev/null 2>&1; do
        i=$((i + 1))
        if [ "$i" -ge "$timeout" ]; then
            pg_err "ERROR: PostgreSQL not reachable after ${timeout}s (PGHOST=${PGHOST:-<unix socket>} PGUSER=${PGUSER:-$(id -un)})."
            return 1
        fi
        sleep 1
    done
}

# pengaduan_data_dir: print Odoo's data directory (the filestore is <it>/filestore/<db>):
# $PENGADUAN_DATA_DIR, else the data_dir of the config file, else Odoo's default.
pengaduan_data_dir() {
    local dir=""
    if [ -n "${PENGADUAN_DATA_DIR:-}" ]; then
        dir="$PENGADUAN_DATA_DIR"
    elif [ -f "$PENGADUAN_CONF" ]; then
        dir="$(sed -n 's/^[[:space:]]*data_dir[[:space:]]*=[[:space:]]*//p' "$PENGADUAN_CONF" | tail -n1)"
    fi
    printf '%s\n' "${dir:-$HOME/.local/share/Odoo}"
}
