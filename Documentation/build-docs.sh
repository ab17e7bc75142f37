#!/usr/bin/env bash
# Builds the DocC archives of every public module with the toolchain's docc, warnings as errors,
# and merges them into .build/docs/Clientele.doccarchive.
#   Documentation/build-docs.sh            # from the repository root
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/docs
rm -rf "$out"
mkdir -p "$out/symbols"
swift package dump-symbol-graph --minimum-access-level public >/dev/null
graphs=$(find .build -path '*symbolgraph*' -name 'CustomerModel.symbols.json' -printf '%h\n' | head -n 1)
[ -n "$graphs" ] || { echo "no symbol graphs found" >&2; exit 1; }
archives=()
dependencies=()
for module in CustomerModel CustomerModelTesting ValueModel; do
    mkdir -p "$out/symbols/$module"
    cp "$graphs/$module.symbols.json" "$out/symbols/$module/"
    cp "$graphs/$module"@*.symbols.json "$out/symbols/$module/" 2>/dev/null || true
    docc convert "Documentation/$module.docc" \
        --additional-symbol-graph-dir "$out/symbols/$module" \
        --fallback-display-name "$module" \
        --fallback-bundle-identifier "org.clientele.$module" \
        --enable-experimental-external-link-support \
        "${dependencies[@]}" \
        --warnings-as-errors \
        --output-path "$out/$module.doccarchive"
    archives+=("$out/$module.doccarchive")
    dependencies+=(--dependency "$out/$module.doccarchive")
done
docc merge "${archives[@]}" --synthesized-landing-page-name Clientele --output-path "$out/Clientele.doccarchive"
echo "built $out/Clientele.doccarchive"
