-- wrk script for `make loadtest` (.ci/loadtest.py): rotates over the paths in the LOADTEST_PATHS file (one per
-- line), sends X-Forwarded-Proto as nginx would, and counts every status code it sees.

local paths = {}
for line in io.lines(os.getenv("LOADTEST_PATHS")) do
  if line ~= "" then paths[#paths + 1] = line end
end

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  index = id
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index], {
    ["Host"] = "127.0.0.1",
    ["X-Forwarded-Proto"] = "https",
    ["Accept-Encoding"] = "gzip",
  })
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do
    parts[#parts + 1] = string.format('"%d": %d', status, count)
  end
  local errors = summary.errors
  io.write(string.format(
    'LOADTEST {"requests": %d, "duration_us": %d, "statuses": {%s}, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, "p50_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, table.concat(parts, ", "),
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
