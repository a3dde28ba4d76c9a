#!/usr/bin/env bash
# confine.sh TOP OWN CMD...: runs CMD seeing, of everything under TOP, only OWN (a folder below
# TOP) and the folders leading to it: every other folder there is covered by an empty read-only
# tmpfs, every other file by /dev/null. network/hosts.sh runs an organisation's clients so, with
# TOP its run directory and OWN that organisation's host folder: they see no other host's files.
# Run it in a mount namespace of its own (unshare --mount): the covers are that namespace's only.
set -euo pipefail
top=${1%/} own=${2%/}; shift 2
[[ -d $own && $own == "$top"/* ]] || { echo "confine: $own is no folder under $top" >&2; exit 2; }
keep=$own
while [[ $keep != "$top" ]]; do
  for f in "$(dirname "$keep")"/* "$(dirname "$keep")"/.[!.]*; do
    [[ -e $f && $f != "$keep" ]] || continue
    if [[ -d $f ]]; then mount -t tmpfs -o ro,size=4k,mode=0500 dln-hidden "$f"; else mount --bind -o ro /dev/null "$f"; fi
  done
  keep=$(dirname "$keep")
done
exec "$@"
