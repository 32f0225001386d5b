#!/usr/bin/env bash
# A blog post page from the public-page cache against nginx serving the same HTML from a file: the
# page-cache benchmark (bench/page-cache.sh, which says how) run on a seeded post.
# Usage: bash bench/blog/post-page.sh [seconds per run, default 8] [rounds, default 2]   (`npm run build` first)
set -euo pipefail
export PAGE=/blog/open-data-nei-piccoli-comuni
export BENCH_PORT=${BENCH_PORT:-3394} BENCH_NGINX_PORT=${BENCH_NGINX_PORT:-3395}
exec bash "$(dirname "$0")/../page-cache.sh" "$@"
