-- wrk script of bench/run.sh: POST /api/v1/workspaces/{id}/usage with K events per request, each with an id no
-- other request of the run uses, round-robin over the given workspaces. After "limit" requests per thread, a thread
-- stops (0: until the duration ends).
-- Usage: wrk ... -s bench/usage.lua http://HOST:PORT -- RUN K LIMIT TOKEN OCCURRED_AT WS_ID [WS_ID...]
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local run, k, limit, occurred, workspaces, sent = nil, 1, 0, nil, {}, 0
function init(args)
  run, k, limit, occurred = args[1], tonumber(args[2]), tonumber(args[3]), args[5]
  wrk.headers["Authorization"] = "Bearer " .. args[4]
  wrk.headers["Content-Type"] = "application/json"
  for i = 6, #args do workspaces[#workspaces + 1] = args[i] end
end

function request()
  sent = sent + 1
  local events = {}
  for i = 1, k do
    -- "RUN-i-...": the first events of all requests share the prefix "RUN-1-", which bench/usage-poll.sh counts.
    events[i] = string.format('{"id":"%s-%d-%d-%d","meter":"object-storage-gb-hour","quantity":"1.5","occurredAt":"%s"}',
      run, i, tid, sent, occurred)
  end
  local ws = workspaces[(sent + tid) % #workspaces + 1]
  return wrk.format("POST", "/api/v1/workspaces/" .. ws .. "/usage", nil, '{"events":[' .. table.concat(events, ",") .. ']}')
end

function response(status, headers, body)
  if limit > 0 and sent >= limit then wrk.thread:stop() end
end
