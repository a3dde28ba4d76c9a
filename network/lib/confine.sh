#!/usr/bin/env bash
# confine.sh TOP OWN CMD...: runs CMD seeing, of everything under TOP, only OWN (a folder below
# TOP): TOP is covered by an empty read-only tmpfs holding nothing but the path to OWN, and OWN,
# opened before the cover, is bound back in place. A folder made under TOP later (a new host's)
# is under the cover too. network/hosts.sh runs an organisation's clients so, with TOP its run
# directory and OWN that organisation's host folder: they see no other host's files.
# Run it in a mount namespace of its own (unshare --mount): the cover is that namespace's only.
set -euo pipefail
top=${1%/} own=${2%/}; shift 2
[[ -d $own && $own == "$top"/* ]] || { echo "confine: $own is no folder under $top" >&2; exit 2; }
exec {keep}<"$own"
mount -t tmpfs -o size=16k,mode=0700 dln-confined "$top"
mkdir -p "$own"
# The open folder, not its path (the path now leads into the cover): no canonicalising.
mount --no-canonicalize --bind "/proc/self/fd/$keep" "$own"
mount -o remount,ro,bind "$top"
exec {keep}<&-
exec "$@"
