-- The admission flow (bench/run.sh), on one connection per thread: register a patient, admit them
-- into a free bed (INTERNACAO), discharge them; then again with the next patient and the next bed.
-- Beds: BENCH_BED_PREFIX .. 12 digits (tid * 100000 + k), created beforehand by the harness.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local common = require("common")

function setup(thread) common.setup(thread) end

function init(args)
  counts = {}
  n = tonumber(os.getenv("BENCH_CPF_BASE")) + tid * 1000000
  prefix = os.getenv("BENCH_BED_PREFIX")
  bed = tid * 100000
  step = 0
  paciente, atendimento = nil, nil
end

function request()
  if step == 1 then
    return wrk.format("POST", "/api/atendimentos", common.headers, string.format(
      '{"paciente_id":"%s","tipo":"INTERNACAO","carater":"URGENCIA","procedencia":"DEMANDA_ESPONTANEA",'
      .. '"leito_id":"%s%012d","financiamento":"SUS","cid_principal":"J18.9"}', paciente, prefix, bed))
  elseif step == 2 then
    return wrk.format("POST", "/api/altas", common.headers, string.format(
      '{"atendimento_id":"%s","motivo":"ALTA_MELHORADO","cid_principal":"J18.9"}', atendimento))
  end
  n = n + 1
  bed = bed + 1
  return wrk.format("POST", "/api/pacientes", common.headers, common.paciente(n))
end

function response(status, headers, body)
  common.count(status)
  if status ~= 201 and status ~= 202 then
    step = 0
    return
  end
  if step == 0 then
    paciente = common.id(status, body); step = paciente and 1 or 0
  elseif step == 1 then
    atendimento = common.id(status, body); step = atendimento and 2 or 0
  else
    step = 0
  end
end

done = common.done
