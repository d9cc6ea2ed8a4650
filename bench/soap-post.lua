-- wrk script: POST one SOAP envelope (read from the file given after --) over and over.
--   wrk -t2 -c16 -d10s -s bench/soap-post.lua http://127.0.0.1:18080/services/verification -- body.xml
-- Every answer must be HTTP 200: a SOAP fault (HTTP 500) shows up as "Non-2xx or 3xx responses".
function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "text/xml; charset=UTF-8"
  wrk.headers["SOAPAction"] = '""'
end
