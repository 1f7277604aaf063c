#!/usr/bin/env bash
# Builds the box kernel from Debian's linux-source-6.1 with the options in kernel.options, or reuses
# the cached build. Prints the path of the bzImage on stdout; progress goes to stderr.
# The cache lives under ${MEDULLA_BOX_CACHE:-~/.cache/medulla/box}/kernel-<hash>/, where <hash> covers
# kernel.options and the linux-source package version, so only a changed config pays for a build.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${MEDULLA_BOX_CACHE:-$HOME/.cache/medulla/box}"
tarball=/usr/src/linux-source-6.1.tar.xz

[[ -f $tarball ]] || { echo "kernel.sh: $tarball is missing (apt-get install linux-source-6.1)" >&2; exit 1; }
source_version="$(dpkg-query -W -f='${Version}' linux-source-6.1)"
key="$( (cat "$here/kernel.options"; echo "$source_version") | sha256sum | cut -c1-16)"
out="$cache/kernel-$key"
if [[ -f $out/bzImage ]]; then
    echo "$out/bzImage"
    exit 0
fi

echo "box: building the kernel (linux-source $source_version, config $key); this takes about 11 minutes once" >&2
mkdir -p "$cache"
work="$(mktemp -d "$cache/build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tar -xJf "$tarball" -C "$work"
src="$(echo "$work"/linux-source-6.1)"
enable=() disable=()
while read -r line; do
    line="${line%%#*}"
    for opt in $line; do
        if [[ $opt == -* ]]; then disable+=(--disable "${opt#-}"); else enable+=(--enable "$opt"); fi
    done
done < "$here/kernel.options"
make -C "$src" -s tinyconfig >&2
"$src/scripts/config" --file "$src/.config" "${enable[@]}" "${disable[@]}"
make -C "$src" -s olddefconfig >&2
# Every option asked for must have survived olddefconfig (a missing dependency silently drops one).
missing=()
for ((i = 1; i < ${#enable[@]}; i += 2)); do
    grep -qx "CONFIG_${enable[i]}=y" "$src/.config" || missing+=("${enable[i]}")
done
if ((${#missing[@]})); then
    echo "kernel.sh: options not enabled after olddefconfig: ${missing[*]}" >&2
    exit 1
fi
# make -s is silent for the whole build: a line a minute shows that it is alive and how far it got.
started=$SECONDS
(
    while sleep 60; do
        echo "box: kernel build running for $(((SECONDS - started) / 60)) min, $(find "$src" -name '*.o' | wc -l) objects compiled (about 1,350 in all)" >&2
    done
) &
ticker=$!
# || true: the ticker is already gone at a normal exit, and a failing command in an EXIT trap under
# set -e ends the trap early (the work tree stays behind) and fails the script.
trap 'kill "$ticker" 2>/dev/null || true; rm -rf "$work"' EXIT
make -C "$src" -s -j"$(nproc)" bzImage >&2
kill "$ticker" 2>/dev/null
echo "box: kernel built in $(((SECONDS - started) / 60)) min" >&2
mkdir -p "$out.tmp"
cp "$src/arch/x86/boot/bzImage" "$src/.config" "$out.tmp/"
mv "$out.tmp" "$out"
echo "$out/bzImage"
