#!/usr/bin/env bash
# Load test over real HTTP on loopback: starts `glossary serve` on a fresh
# data folder, then measures, in one run, a hello-world route of the same
# server (/healthz), autocomplete and search with wrk, and prints the
# throughput ratios that docs/performance.md reports.
#
#   scripts/loadtest.sh [--duration 10s] [--connections 32] [--corpus DIR] [--synthetic 30000] [--dictd]
#
# --dictd imports FOLDOC, the Jargon File and V.E.R.A. (Debian's dict-foldoc,
# dict-jargon and dict-vera, installed when missing) before indexing.
#
# wrk shares the machine's cores with the server, as in the reference
# measurements. Only loopback is used; every wrk run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=10s connections=32 corpus="" synthetic=0 dictd=0
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --synthetic) synthetic=$2; shift 2 ;;
    --dictd) dictd=1; shift ;;
    *) echo "usage: $0 [--duration 10s] [--connections 32] [--corpus DIR] [--synthetic N] [--dictd]" >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/glossary" ./cmd/glossary
args=(--data "$work/data")
[ -n "$corpus" ] && args+=(--corpus "$corpus")
if [ "$dictd" = 1 ]; then
  for d in foldoc jargon vera; do
    [ -e "/usr/share/dictd/$d.index" ] || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "dict-$d"; }
    "$work/glossary" import dictd --source "$d" "${args[@]}" >/dev/null
  done
fi
"$work/glossary" index "${args[@]}" --synthetic "$synthetic" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# One client measures the server's capacity here: per-client rate limits off.
GLOSSARY_LOG_LEVEL=error GLOSSARY_RATE_LIMIT_SEARCH=0 GLOSSARY_RATE_LIMIT_SUGGEST=0 GLOSSARY_RATE_LIMIT_LOOKUP=0 \
  "$work/glossary" serve "${args[@]}" --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"
sleep 1 # the memory that opening used is given back in the background
rss_ready=$(( $(ps -o rss= -p "$server") / 1024 ))

# Queries that a learner types, rotated per request: prefixes of real
# terms (suggest) and words, phrases and typos (search).
printf '/api/v1/suggest?q=%s\n' i id ide idem c ca cac cach k ku kub circ "circ%20br" backpresu rac race sh sha shar lat thr dep auth >"$work/suggest.txt"
# The same queries come back on every keystroke of every user, and the
# server caches autocomplete answers; "suggest-wide" measures the other
# end: 2- to 8-letter prefixes of every curated term (about 5,800
# distinct queries; the 4 MiB cache holds about 3,000 answers of the
# larger corpora), so many are computed.
for f in corpus/terms/*.yaml; do
  id=$(basename "$f" .yaml)
  for n in 2 3 4 5 6 7 8; do [ ${#id} -ge $n ] && printf '/api/v1/suggest?q=%s\n' "${id:0:$n}"; done
done | sed 's/-/%20/g' | sort -u | shuf --random-source=<(yes) >"$work/suggest-wide.txt"
# search-wide: every curated term's name, as typed and with a typo (about
# 3,100 distinct searches: at the larger scales, several times what the
# 8 MiB search cache holds; the curated corpus's small answers fit).
for f in corpus/terms/*.yaml; do
  id=$(basename "$f" .yaml)
  printf '/api/v1/search?q=%s\n' "$id" "${id:0:$(( ${#id} / 2 ))}x${id:$(( ${#id} / 2 + 1 ))}"
done | sed 's/-/%20/g' | sort -u | shuf --random-source=<(yes) >"$work/search-wide.txt"
printf '/api/v1/search?q=%s\n' idempotent "race%20condition" sharding cache kubernets latency "pull%20request" deploy authorization backpresure queue "roll%20back" >"$work/search.txt"

run() { # name, path-or-list
  local out
  if [ -f "$2" ]; then
    out=$(wrk -t2 -c"$connections" -d"$duration" --latency -s scripts/rotate.lua "$base" -- "$2")
  else
    out=$(wrk -t2 -c"$connections" -d"$duration" --latency "$base$2")
  fi
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
  printf '%-12s %10s req/s   p50 %-9s p99 %-9s %s\n' "$1" "$rps" "$p50" "$p99" "$errors" >&2
  if [ -n "$errors" ]; then echo "$1: errors during the run; the ratios would mean nothing" >&2; exit 1; fi
  echo "$rps"
}

terms=$(ls -d "$work"/data/generations/*/ | head -1)
echo "wrk -t2 -c$connections -d$duration on $(nproc) cores, $(grep -o '"terms": [0-9]*' "$terms/manifest.json")" >&2
hello=$(run hello /healthz)
suggest=$(run suggest "$work/suggest.txt")
wide=$(run suggest-wide "$work/suggest-wide.txt")
search=$(run search "$work/search.txt")
swide=$(run search-wide "$work/search-wide.txt")
heap=$(curl -fs "$base/metrics" | awk '/^go_memstats_heap_inuse_bytes/ {printf "%d", $2/1048576}')
mapped=$(awk '/^RssFile/ {printf "%d", $2/1024}' "/proc/$server/status")
echo "server resident memory: $rss_ready MB when ready, $(( $(ps -o rss= -p "$server") / 1024 )) MB after the runs (Go heap in use $heap MB, index files $mapped MB)" >&2
echo "distinct queries: suggest-wide $(wc -l <"$work/suggest-wide.txt"), search-wide $(wc -l <"$work/search-wide.txt")" >&2
awk -v h="$hello" -v su="$suggest" -v w="$wide" -v se="$search" -v sw="$swide" 'BEGIN {
  printf "suggest / hello-world: %.0f %%   (target >= 70 %%)\n", 100*su/h
  printf "suggest-wide / hello-world: %.0f %%   (distinct queries, cached as far as the cache holds them)\n", 100*w/h
  printf "search  / hello-world: %.0f %%   (target >= 40 %%)\n", 100*se/h
  printf "search-wide / hello-world: %.0f %%   (distinct queries, cached as far as the cache holds them)\n", 100*sw/h
}'
