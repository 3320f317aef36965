# Sourced by benchmark scripts: `time_runs RUNS COMMAND...` runs COMMAND RUNS times (its output and exit
# status ignored), prints each run's milliseconds, and sets `median` to the median in milliseconds.
time_runs() {
    local runs="$1"
    shift
    local times=() start end ms i
    for i in $(seq 1 "$runs"); do
        start=$(date +%s%N)
        "$@" > /dev/null 2>&1 || true
        end=$(date +%s%N)
        ms=$(( (end - start) / 1000000 ))
        times+=("$ms")
        echo "run $i: ${ms} ms"
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }')
}

# `ratio MEDIAN TARGET`: MEDIAN / TARGET with two decimals.
ratio() { awk -v m="$1" -v t="$2" 'BEGIN { printf "%.2f", m / t }'; }
