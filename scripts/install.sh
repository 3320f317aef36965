#!/usr/bin/env bash
# Installs kafka-skill under PREFIX (default: /usr/local):
#   PREFIX/bin/kafka-skill                 a release build of the command
#   PREFIX/share/kafka-skill/              what it reads at run time: templates/, the skill's presets, and the
#                                          package (Package.swift, Sources/, Tests/) that scaffolded services
#                                          depend on by path; lessons/ and specs/ as examples to start from
#   PREFIX/share/{bash-completion,zsh,fish}/...   shell completions from swift-argument-parser
# KAFKA_SKILL_BINARY=path installs that already built binary instead of building one (the tests use it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=${1:-/usr/local}
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
export PATH="/opt/swift/usr/bin:$PATH"

if [ -n "${KAFKA_SKILL_BINARY:-}" ]; then
    binary=$KAFKA_SKILL_BINARY
else
    echo "==> building kafka-skill (release)"
    (cd "$root" && swift build -c release --product kafka-skill)
    binary=$(cd "$root" && swift build -c release --show-bin-path)/kafka-skill
fi
[ -x "$binary" ] || { echo "install.sh: no executable at $binary" >&2; exit 1; }

share="$prefix/share/kafka-skill"
staging="$prefix/share/.kafka-skill.new.$$"
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging"
# Tests/ too: SwiftPM wants every target of a package it depends on to have its folder.
paths=(Package.swift Sources Tests templates lessons specs skills/kafka-events/assets/presets)
echo "==> copying ${paths[*]} to $share"
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    # Tracked files only: no build folders, caches or local state.
    (cd "$root" && git ls-files -z -- "${paths[@]}" | tar --null -T - -cf -) | tar -xf - -C "$staging"
else
    (cd "$root" && tar -cf - "${paths[@]}") | tar -xf - -C "$staging"
fi
# Replace the previous copy in one step, so a failed install leaves the old one whole.
if [ -d "$share" ]; then
    mv "$share" "$staging.old"
    mv "$staging" "$share"
    rm -rf "$staging.old"
else
    mv "$staging" "$share"
fi

echo "==> installing $prefix/bin/kafka-skill"
mkdir -p "$prefix/bin"
install -m 755 "$binary" "$prefix/bin/.kafka-skill.new.$$"
mv "$prefix/bin/.kafka-skill.new.$$" "$prefix/bin/kafka-skill"

echo "==> shell completions"
mkdir -p "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
"$prefix/bin/kafka-skill" --generate-completion-script bash > "$prefix/share/bash-completion/completions/kafka-skill"
"$prefix/bin/kafka-skill" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_kafka-skill"
"$prefix/bin/kafka-skill" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/kafka-skill.fish"

echo "installed kafka-skill $("$prefix/bin/kafka-skill" --version) in $prefix"
