-- wrk script of scripts/loadtest.sh and scripts/scale.sh: one request
-- per line of the file named after "--", in turn, so every request is a
-- distinct query until the list wraps.
local paths = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
