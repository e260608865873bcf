-- One wrk script for every scenario of bench/run. Arguments after `--`:
--   get      <threads> [tokens-file]                      GET the URL, with a bearer token from the file (each
--                                                          thread takes its own lines, in turn) when one is given
--   post     <threads> <bodies-file> <content-type>        POST one line of the file per request (each thread its own
--                                                          lines, in turn)
--   refresh  <threads> <pool-in> <pool-out> <json|form:CLIENT_ID>
--                                                          POST a live refresh token taken from the thread's pool; each
--                                                          answer's new refresh token goes back to the pool, so no
--                                                          token is ever presented twice. At the end the live pool
--                                                          is written to pool-out (the next run starts from it).
--   register <threads> <nonce> <phones-out>                POST /register with a new email and phone per request
--                                                          (+1, 4-digit nonce, 3 digits of the clock, thread, 5-digit
--                                                          count); the phones go to phones-out-<thread> (OTP numbers)
-- done() prints one line `BENCH_RESULT key=value ...` that bench/run parses: requests/s, p50/p99 latency, the statuses
-- (2xx, 401, 429, other, and every status with its count) and wrk's socket errors (connect, read, write, timeout).

local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter - 1)
  table.insert(threads, thread)
  counter = counter + 1
end

local mode, nthreads
local initialized = false
local checking = false
local lines = {}
local next_line = 1
statuses = { ok = 0, s401 = 0, s429 = 0, other = 0 }
codes = {}
pool = {}
pool_head, pool_tail = 1, 0
local refresh_format, refresh_client
local nonce, seq, phones_file = "", 0, nil

-- The thread's own lines of the file (every nthreads-th); all of them when the file has fewer lines than threads and
-- sharing is allowed (never for refresh tokens: a token presented twice ends its session)
local function read_lines(path, share_when_short)
  local all, own = {}, {}
  for line in io.lines(path) do
    if line ~= "" then
      if #all % nthreads == id then
        table.insert(own, line)
      end
      table.insert(all, line)
    end
  end
  if #own == 0 and share_when_short then
    return all
  end
  return own
end

function init(args)
  mode = args[1]
  nthreads = tonumber(args[2])
  if mode == "get" and args[3] then
    lines = read_lines(args[3], true)
  elseif mode == "post" then
    lines = read_lines(args[3], true)
    wrk.headers["Content-Type"] = args[4]
  elseif mode == "refresh" then
    for _, token in ipairs(read_lines(args[3], false)) do
      pool_tail = pool_tail + 1
      pool[pool_tail] = token
    end
    pool_out = args[4]
    refresh_format, refresh_client = args[5]:match("^(%a+):?(.*)$")
    wrk.headers["Content-Type"] = refresh_format == "form" and "application/x-www-form-urlencoded"
        or "application/json"
  elseif mode == "register" then
    -- the run's nonce and the clock's seconds mod 1000: the warm-up and the measured run send different emails and
    -- phones (each wrk process counts from 1)
    nonce = args[3] .. string.format("%03d", os.time() % 1000)
    phones_file = io.open(args[4] .. "-" .. id, "a")
    wrk.headers["Content-Type"] = "application/json"
  end
  initialized = true
  checking = id == 0
end

function request()
  -- wrk calls request() once to check the script, right after init in its first thread (id 0), and never sends
  -- that request: spend nothing on it (no token, no phone number: a number written then was never registered and
  -- its OTP logins found no code)
  if not initialized or checking then
    checking = false
    return wrk.format()
  end
  if mode == "get" then
    if #lines == 0 then
      return wrk.format("GET")
    end
    local token = lines[next_line]
    next_line = next_line % #lines + 1
    return wrk.format("GET", nil, { Authorization = "Bearer " .. token })
  elseif mode == "post" then
    local body = lines[next_line]
    next_line = next_line % #lines + 1
    return wrk.format("POST", nil, nil, body)
  elseif mode == "refresh" then
    local token = "bench-pool-empty-bench-pool-empty-bench-poo" -- refused: counted, never hides an empty pool
    if pool_head <= pool_tail then
      token = pool[pool_head]
      pool[pool_head] = nil
      pool_head = pool_head + 1
    end
    if refresh_format == "form" then
      return wrk.format("POST", nil, nil,
          "grant_type=refresh_token&client_id=" .. refresh_client .. "&refresh_token=" .. token)
    end
    return wrk.format("POST", nil, nil, '{"refresh_token":"' .. token .. '"}')
  elseif mode == "register" then
    seq = seq + 1
    local tag = string.format("%s%d%05d", nonce, id, seq)
    local phone = "+1" .. tag
    phones_file:write(phone, "\n")
    phones_file:flush()
    return wrk.format("POST", nil, nil, string.format(
        '{"first_name":"Bench","last_name":"Runner","email":"bench-%s@example.com","phone_number":"%s",'
        .. '"password":"quiet meadow %s lantern","role":"employee"}', tag, phone, tag))
  end
end

function response(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
  if status >= 200 and status < 300 then
    statuses.ok = statuses.ok + 1
    if mode == "refresh" then
      local token = body and body:match('"refresh_token"%s*:%s*"([^"]+)"')
      if token then
        pool_tail = pool_tail + 1
        pool[pool_tail] = token
      end
    end
  elseif status == 401 then
    statuses.s401 = statuses.s401 + 1
  elseif status == 429 then
    statuses.s429 = statuses.s429 + 1
  else
    statuses.other = statuses.other + 1
  end
end

function done(summary, latency, requests)
  local total = { ok = 0, s401 = 0, s429 = 0, other = 0 }
  local by_code = {}
  local out = nil
  for _, thread in ipairs(threads) do
    for code, count in pairs(thread:get("codes")) do
      by_code[code] = (by_code[code] or 0) + count
    end
    local counts = thread:get("statuses")
    for key, value in pairs(counts) do
      total[key] = total[key] + value
    end
    local path = thread:get("pool_out")
    if path then
      out = out or io.open(path, "w")
      local live, head, tail = thread:get("pool"), thread:get("pool_head"), thread:get("pool_tail")
      for index = head, tail do
        if live[index] then
          out:write(live[index], "\n")
        end
      end
    end
  end
  if out then
    out:close()
  end
  local listed = {}
  for code, count in pairs(by_code) do
    table.insert(listed, code .. ":" .. count)
  end
  table.sort(listed)
  local seconds = summary.duration / 1e6
  io.write(string.format(
      "BENCH_RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f "
      .. "s2xx=%d s401=%d s429=%d other=%d connect=%d read=%d write=%d timeout=%d codes=%s\n",
      summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, total.ok, total.s401, total.s429, total.other,
      summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
      #listed > 0 and table.concat(listed, ",") or "none"))
end
