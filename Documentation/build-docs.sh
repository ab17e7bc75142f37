#!/usr/bin/env bash
# Builds the DocC archives of every public module with the toolchain's docc, warnings as errors,
# and merges them into .build/docs/Clientele.doccarchive.
#
#   Documentation/build-docs.sh                        # from anywhere in the repository
#   SCRATCH=.build-docs Documentation/build-docs.sh    # build the symbol graphs in another folder
#
# SCRATCH is SwiftPM's scratch path for `swift package dump-symbol-graph` (default `.build`).
# Use another folder when a `swift build` or `swift test` is running in the same clone: two
# SwiftPM processes on one scratch path wait for each other or fail with "inputs were modified".
# DOCS_OUT is where the archives go (default `.build/docs`).
#
# Modules are converted in dependency order, each upstream archive passed to the next with
# --dependency, so cross-module links written ``/CustomerModel/Symbol`` resolve (STYLE.md 3.9).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-.build}
out=${DOCS_OUT:-.build/docs}
rm -rf "$out"
mkdir -p "$out/symbols"

# 1. Symbol graphs of every target, public API only. With Swift 6.3 the command exits non-zero
#    after writing the library graphs, because it also asks for the synthesized test modules
#    (`ClientelePackageTests`), which it cannot load; so success means "this run wrote a fresh
#    graph for each module we document". It is retried when another SwiftPM process holds the
#    scratch folder or sources change mid-build (other engineers work in this clone).
modules=(CustomerModel ValueModel CustomerModelTesting SyntheticBank ValueModelTesting Rules Segmentation SegmentationTesting)
marker="$out/started"
attempt=1
while :; do
    touch "$marker"
    swift package --scratch-path "$scratch" dump-symbol-graph --minimum-access-level public \
        >"$out/dump-symbol-graph.log" 2>&1 || true
    graphs=$(find "$scratch" -path '*symbolgraph*' -name 'CustomerModel.symbols.json' -newer "$marker" \
        -printf '%h\n' | head -n 1)
    fresh=${graphs:+yes}
    for module in "${modules[@]}"; do
        [ -n "$graphs" ] && [ "$graphs/$module.symbols.json" -nt "$marker" ] || fresh=
    done
    [ -z "$fresh" ] || break
    if [ "$attempt" -ge 3 ]; then
        grep -v '^[A-Za-z_0-9]*$' "$out/dump-symbol-graph.log" | tail -n 40 >&2
        echo "swift package dump-symbol-graph wrote no fresh graphs in $attempt attempts (log: $out/dump-symbol-graph.log)" >&2
        exit 1
    fi
    echo "dump-symbol-graph wrote no fresh graphs (attempt $attempt); retrying in 20 s:" >&2
    grep -iE 'error|busy|modified' "$out/dump-symbol-graph.log" | head -n 5 >&2 || true
    attempt=$((attempt + 1))
    sleep 20
done

# 2. One archive per module, upstream first; 3. merged into one archive.
archives=()
dependencies=()
for module in "${modules[@]}"; do
    mkdir -p "$out/symbols/$module"
    cp "$graphs/$module.symbols.json" "$out/symbols/$module/"
    # Extensions of other modules' types (ValueModel@CustomerModel.symbols.json), if any.
    cp "$graphs/$module"@*.symbols.json "$out/symbols/$module/" 2>/dev/null || true
    docc convert "Documentation/$module.docc" \
        --additional-symbol-graph-dir "$out/symbols/$module" \
        --fallback-display-name "$module" \
        --fallback-bundle-identifier "org.clientele.$module" \
        --enable-experimental-external-link-support \
        ${dependencies[@]+"${dependencies[@]}"} \
        --warnings-as-errors \
        --output-path "$out/$module.doccarchive"
    archives+=("$out/$module.doccarchive")
    dependencies+=(--dependency "$out/$module.doccarchive")
done
docc merge "${archives[@]}" --synthesized-landing-page-name Clientele --output-path "$out/Clientele.doccarchive"
echo "built $out/Clientele.doccarchive"
