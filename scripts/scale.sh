#!/usr/bin/env bash
# How costs grow with the corpus: builds and serves the curated corpus, the
# dictd scale (curated + FOLDOC + Jargon File + V.E.R.A.) and generated
# corpora of 30,000 and 200,000 terms, and records for each
#
#   - the build: wall time, peak resident memory, index size on disk;
#   - the start: process start to /readyz answering 200, with the
#     generation already built, and resident memory when ready;
#   - resident memory after distinct searches and suggestions over HTTP
#     (wrk, as scripts/loadtest.sh), with GOMEMLIMIT unset;
#   - search and suggest p50/p99 in process (the search package's
#     benchmarks, run at the same scales through BENCH_SCALES).
#
# Then scripts/scaleplot draws docs/scale.png from the two tables.
#
#   scripts/scale.sh [--scales curated,dictd,30k,200k] [--out DIR] [--benchtime 300x]
#
# It takes about 10 minutes on 2 cores, most of it the 200k build (about a
# minute, 1.5 GB at its peak) done twice: once by the CLI, once by the
# benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."

scales=curated,dictd,30k,200k out=docs/scale benchtime=300x
while [ $# -gt 0 ]; do
  case "$1" in
    --scales) scales=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --benchtime) benchtime=$2; shift 2 ;;
    *) echo "usage: $0 [--scales curated,dictd,30k,200k] [--out DIR] [--benchtime 300x]" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
for d in foldoc jargon vera; do
  [ -e "/usr/share/dictd/$d.index" ] || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "dict-$d"; }
done

mkdir -p "$out"
out=$(realpath "$out")
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
go build -o "$work/glossary" ./cmd/glossary

# Distinct queries, as loadtest.sh's "wide" runs: prefixes and names (with
# a typo) of every curated term.
for f in corpus/terms/*.yaml; do
  id=$(basename "$f" .yaml)
  for n in 2 4 6; do [ ${#id} -ge $n ] && printf '/api/v1/suggest?q=%s\n' "${id:0:$n}"; done
  printf '/api/v1/search?q=%s\n' "$id" "${id:0:$(( ${#id} / 2 ))}x${id:$(( ${#id} / 2 + 1 ))}"
done | sed 's/-/%20/g' | sort -u | shuf --random-source=<(yes) >"$work/wide.txt"

table="$out/scale.tsv"
printf 'scale\tterms\tbuild_s\tbuild_peak_mb\tindex_mb\tready_ms\trss_ready_mb\trss_after_mb\n' >"$table"
IFS=, read -ra list <<<"$scales"
for sc in "${list[@]}"; do
  data="$work/data-$sc"
  args=(--data "$data")
  synthetic=0
  case "$sc" in
    curated) ;;
    dictd) for d in foldoc jargon vera; do "$work/glossary" import dictd --source "$d" "${args[@]}" >/dev/null; done ;;
    *k) synthetic=$(( ${sc%k} * 1000 )) ;;
    *) echo "unknown scale $sc" >&2; exit 2 ;;
  esac
  read -r build_s peak_kb < <(/usr/bin/time -f '%e %M' "$work/glossary" index "${args[@]}" --synthetic "$synthetic" 2>&1 >/dev/null | tail -1)
  gen=$(ls -d "$data"/generations/gen-*/ | tail -1)
  terms=$(grep -o '"terms": [0-9]*' "$gen/manifest.json" | grep -o '[0-9]*$')
  index_mb=$(du -sm "$gen" | cut -f1)

  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  start=$(date +%s%N)
  GLOSSARY_LOG_LEVEL=error GLOSSARY_RATE_LIMIT_SEARCH=0 GLOSSARY_RATE_LIMIT_SUGGEST=0 GLOSSARY_RATE_LIMIT_LOOKUP=0 \
    "$work/glossary" serve "${args[@]}" --listen "127.0.0.1:$port" >"$work/serve-$sc.log" 2>&1 &
  server=$!
  until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do
    kill -0 "$server" 2>/dev/null || { cat "$work/serve-$sc.log" >&2; exit 1; }
    sleep 0.005
  done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 1 # the memory that opening used is given back in the background
  rss_ready=$(( $(ps -o rss= -p "$server") / 1024 ))
  wrk -t2 -c32 -d10s -s scripts/rotate.lua "http://127.0.0.1:$port" -- "$work/wide.txt" >"$work/wrk-$sc.txt"
  rss_after=$(( $(ps -o rss= -p "$server") / 1024 ))
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  printf '%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n' "$sc" "$terms" "$build_s" $(( peak_kb / 1024 )) "$index_mb" "$ready_ms" "$rss_ready" "$rss_after" | tee -a "$table" >&2
  rm -rf "$data"
done

# In process, the same scales: search's shapes and suggest's.
BENCH_SCALES=$scales go test -run '^$' -bench 'Benchmark(Search|Suggest)$' -benchtime "$benchtime" -timeout 60m ./search/ | tee "$out/bench.txt" | grep -E '^Benchmark' >&2
png=$(realpath docs)/scale.png
(cd scripts/scaleplot && go run . -bench "$out/bench.txt" -scale "$table" -o "$png")
echo "wrote $table, $out/bench.txt and docs/scale.png" >&2
