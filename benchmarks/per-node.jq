# Turns a JMH JSON result (-rf json) into markdown rows per node: JMH cannot divide a score by a parameter, so the
# chain and fan-out benchmarks score a whole run of n nodes. Benchmarks without n are shown per operation; other
# parameters (observed, handlers) follow the benchmark's name.
# Usage: jq -r -f benchmarks/per-node.jq result.json
def norm: (.secondaryMetrics["gc.alloc.rate.norm"] // .secondaryMetrics["·gc.alloc.rate.norm"] // null);
def fmt: if . == null then "" elif . >= 100 then (round | tostring) elif . >= 1 then ((. * 100 | round) / 100 | tostring)
  else ((. * 10000 | round) / 10000 | tostring) end;
"| benchmark | n | median | mean | unit | B per node (per op without n) |",
"| --- | ---: | ---: | ---: | --- | ---: |",
(.[] | ((.params.n // "1") | tonumber) as $n
  | ([(.params // {}) | to_entries[] | select(.key != "n" and .key != "nodes") | "\(.key)=\(.value)"] | join(" ")) as $others
  | "| \(.benchmark | sub("^dev\\.railtracks\\.benchmarks\\."; ""))\(if $others == "" then "" else " " + $others end)"
    + " | \(.params.n // .params.nodes // "")"
    + " | \((.primaryMetric.scorePercentiles["50.0"] // null) | if . == null then null else . / $n end | fmt)"
    + " | \(.primaryMetric.score / $n | fmt) | \(.primaryMetric.scoreUnit | sub("/op$"; if $n > 1 then "/node" else "/op" end))"
    + " | \(norm | if . == null then null else .score / $n end | fmt) |")
