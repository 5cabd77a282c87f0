-- Shared by bench/wrk/*.lua (bench/run.sh). Environment: BENCH_AUTH (base64 of user:password),
-- BENCH_CPF_BASE (first of this run's nine-digit CPF bases; each thread gets a million of its own).
local M = {}

-- A valid CPF (DOMAIN.md): nine digits and their two check digits.
function M.cpf(nine)
  local d = {}
  local s = string.format("%09d", nine)
  for i = 1, 9 do d[i] = tonumber(s:sub(i, i)) end
  for k = 10, 11 do
    local sum = 0
    for i = 1, k - 1 do sum = sum + d[i] * (k + 1 - i) end
    local r = sum % 11
    d[k] = (r < 2) and 0 or (11 - r)
  end
  return table.concat(d)
end

M.headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Basic " .. (os.getenv("BENCH_AUTH") or ""),
}

function M.paciente(nine)
  return string.format('{"nome":"Maria da Silva Bench","cpf":"%s","data_nascimento":"1970-01-%02d",'
    .. '"sexo":"F","nome_mae":"Josefa da Silva","municipio":"Recife","uf":"PE","cep":"50050000"}',
    M.cpf(nine), 1 + nine % 28)
end

-- The id of what a 201 created ("id") or a 202 staged ("entity_id").
function M.id(status, body)
  if status == 202 then return body:match('"entity_id"%s*:%s*"([0-9a-f%-]+)"') end
  return body:match('"id"%s*:%s*"([0-9a-f%-]+)"')
end

-- Counts per status, kept per thread and summed in done().
M.threads = {}
function M.setup(thread)
  table.insert(M.threads, thread)
  thread:set("tid", #M.threads)
end

function M.count(status)
  local k = "s" .. status
  counts[k] = (counts[k] or 0) + 1
end

-- One line for bench/run.sh: RESULT requests rps p50_ms p99_ms max_ms s201 s202 other socket_errors
function M.done(summary, latency, requests)
  local c = {}
  for _, t in ipairs(M.threads) do
    local tc = t:get("counts")
    for k, v in pairs(tc) do c[k] = (c[k] or 0) + v end
  end
  local other = 0
  for k, v in pairs(c) do
    if k ~= "s201" and k ~= "s202" then other = other + v end
  end
  local e = summary.errors
  io.write(string.format("RESULT %d %.1f %.2f %.2f %.2f %d %d %d %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    c.s201 or 0, c.s202 or 0, other, e.connect + e.read + e.write + e.timeout))
  for k, v in pairs(c) do
    if k ~= "s201" and k ~= "s202" then io.write(string.format("STATUS %s %d\n", k:sub(2), v)) end
  end
end

return M
