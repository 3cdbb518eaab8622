#!/usr/bin/env bash
# End-to-end persuasion throughput of `faultlines analyze` on a folder of English articles
# (default: the SemEval-2023 English training articles in ../shared), as a user runs it:
# worker processes (FAULTLINES_WORKERS, default 2), model loading and start-up included,
# nothing stored. Three runs on the same files: ingest + language + segmentation alone,
# + the shared encoder pass, + the persuasion heads; prints words/s and 700-word articles/s.
set -euo pipefail
DIR="${1:-../shared/datasets/semeval2023_task3/en/train-articles}"
WORKERS="${FAULTLINES_WORKERS:-2}"
[ -d "$DIR" ] || { echo "no such folder: $DIR" >&2; exit 2; }
WORDS=$(cat "$DIR"/*.txt | wc -w)
FILES=$(ls "$DIR"/*.txt | wc -l)
echo "$FILES files, $WORDS words, $WORKERS workers"
for analyzers in language,segment language,segment,encode language,segment,encode,persuasion; do
    start=$(date +%s.%N)
    FAULTLINES_WORKERS="$WORKERS" faultlines analyze "$DIR" --analyzers "$analyzers" --no-store -q > /dev/null
    end=$(date +%s.%N)
    python3 -c "s=$end-$start; print(f'{\"$analyzers\":40s} {s:7.1f} s  {$WORDS/s:7.0f} words/s  {$WORDS/s/700:5.2f} 700-word articles/s')"
done
