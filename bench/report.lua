-- wrk reporter: one JSON line with what bench/run.py needs. Usage: wrk -s bench/report.lua URL
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'JSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %.1f, "p99_us": %.1f, ' ..
    '"mean_us": %.1f, "errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(99), latency.mean,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
