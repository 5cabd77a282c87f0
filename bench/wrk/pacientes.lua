-- POST /api/pacientes with valid, distinct CPFs (bench/run.sh).
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local common = require("common")

function setup(thread) common.setup(thread) end

function init(args)
  counts = {}
  n = tonumber(os.getenv("BENCH_CPF_BASE")) + tid * 1000000
end

function request()
  n = n + 1
  return wrk.format("POST", "/api/pacientes", common.headers, common.paciente(n))
end

function response(status, headers, body)
  common.count(status)
end

done = common.done
