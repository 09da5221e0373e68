#!/usr/bin/env bash
# Fuzzes the SignalR hub-protocol framer and decoder with libFuzzer.
#   Fuzz/run.sh [RUNS] [extra libFuzzer flags]   (default: 10,000,000 executions)
# Crashes are written to Fuzz/crashes/; turn each into a regression test in
# Tests/SignalRProtocolTests/FuzzRegressionTests.swift.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10000000}"; shift || true
out=.build-fuzz
mkdir -p "$out" Fuzz/crashes
work="$out/corpus"
mkdir -p "$work"
cp -n Fuzz/corpus/* "$work/" 2>/dev/null || true
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name HubProtocolFuzz \
  $(find Sources/SignalRProtocol -name '*.swift') Fuzz/HubProtocolFuzzTarget.swift \
  -o "$out/hub-protocol-fuzzer"
"$out/hub-protocol-fuzzer" -runs="$runs" -max_len=4096 -artifact_prefix=Fuzz/crashes/ \
  -print_final_stats=1 "$@" "$work" Fuzz/corpus
