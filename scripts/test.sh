#!/usr/bin/env bash
# Runs every test project of the solution and ends with one line: "N passed, N failed[, N skipped]".
# First installs the Debian packages the host tests drive, so this one command is all a fresh Debian 12
# machine with the .NET 10 SDK needs (the box's system tests install the box's own through box/box).
# Extra arguments go to `dotnet test` (e.g. --filter).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# util-linux, procps: unshare, losetup, logger, mount, ps; u-boot-tools, libubootenv-tool: mkenvimage,
# fw_printenv, fw_setenv (the U-Boot environment's reference tools); e2fsprogs: mkfs.ext4;
# erlang-base: erl -heart, the real peer of medulla-heart.
packages=(util-linux procps u-boot-tools libubootenv-tool e2fsprogs erlang-base)
if ! bash "$root/scripts/install-packages.sh" "${packages[@]}"; then
  echo "could not install the Debian packages the tests need: ${packages[*]}" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet test "$root/Medulla.slnx" -c Release --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

# A test host that crashed leaves no result file, or a failing exit code with nothing counted as failed.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with status $status without a failed test: counting the run as one failure" >&2
  failed=1
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
