-- Ends wrk (one thread) after a number of responses, so the capture has the same size on a busy or a quiet machine:
-- wrk -t1 -d600s -s wrk-stop-after.lua URL -- REQUESTS. wrk.thread:stop() would stop the requests but leave wrk
-- waiting out its whole duration, so the process exits here, printing the count in place of wrk's summary.
local limit = 0
local seen = 0

function init(args)
    limit = tonumber(args[1]) or 720000
end

function response(status, headers, body)
    seen = seen + 1
    if seen >= limit then
        io.write(string.format("%d responses, stopping\n", seen))
        io.flush()
        os.exit(0)
    end
end
