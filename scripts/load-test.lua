-- wrk script for the decision service: rank requests, and for every acknowledged decision one
-- reward request (queued per wrk thread and sent before the next rank), so rewards match ranks.
local pending = {}
local rank_body = '{"context":{"user":"u%d","tenure":%d},"actions":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d"},{"id":"e"}]}'
local counter = 0

request = function()
  if #pending > 0 then
    local id = table.remove(pending)
    local body = string.format('{"eventId":"%s","value":%d}', id, counter % 2)
    return wrk.format("POST", "/v1/reward", {["Content-Type"] = "application/json"}, body)
  end
  counter = counter + 1
  return wrk.format("POST", "/v1/rank", {["Content-Type"] = "application/json"},
    string.format(rank_body, counter % 64, counter % 10))
end

response = function(status, headers, body)
  if status == 200 then
    local id = string.match(body, '"eventId":"([^"]+)"')
    if id then table.insert(pending, id) end
  end
end
