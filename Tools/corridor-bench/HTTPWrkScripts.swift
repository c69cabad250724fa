/// The Lua scripts `corridor-bench http` gives `wrk` (`-s FILE`), written to the scratch folder before each run.
///
/// Each thread counts its answers in `response()`: `bad` for a status outside 2xx (the first one's status and body
/// kept in `first_bad`), and for payments `declined` for a 201 whose body is not an approved payment. `done()` reads
/// the counts from every thread and prints one line, `corridor-wrk: {JSON}`, that ``HTTPWrkRun`` parses: requests,
/// duration and latency percentiles as wrk measured them, and wrk's own error counts.
enum HTTPWrkScripts {
    /// The common part: thread registration, counting, and the summary line.
    private static let common = #"""
        local threads = {}
        local next_thread = 0

        function setup(thread)
            thread:set("thread_id", next_thread)
            next_thread = next_thread + 1
            table.insert(threads, thread)
        end

        bad = 0
        declined = 0
        first_bad = ""

        local function escape(text)
            text = string.gsub(text, '[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end)
            -- A cut may split a UTF-8 sequence: the line must stay valid JSON, so no byte above ASCII is kept.
            text = string.gsub(text, "[\128-\255]", "?")
            return text
        end

        function done(summary, latency, requests)
            local total_bad, total_declined, first = 0, 0, ""
            for _, thread in ipairs(threads) do
                total_bad = total_bad + thread:get("bad")
                total_declined = total_declined + thread:get("declined")
                local text = thread:get("first_bad")
                if first == "" and text ~= nil then first = text end
            end
            local e = summary.errors
            io.write(string.format(
                'corridor-wrk: {"requests":%d,"duration_us":%d,"bytes":%d,'
                .. '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f,'
                .. '"non2xx":%d,"declined":%d,"first_bad":"%s",'
                .. '"connect_errors":%d,"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d}\n',
                summary.requests, summary.duration, summary.bytes,
                latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
                total_bad, total_declined, escape(string.sub(first, 1, 300)),
                e.connect, e.read, e.write, e.status, e.timeout))
        end

        local function count_bad(status, body)
            bad = bad + 1
            if first_bad == "" then first_bad = tostring(status) .. " " .. (body or "") end
        end
        """#

    /// `GET PATH` with the key, the same request every time.
    static func get(path: String, key: String) -> String {
        common + """

            wrk.method = "GET"
            wrk.path = "\(path)"
            wrk.headers["Authorization"] = "Bearer \(key)"

            function response(status, headers, body)
                if status < 200 or status > 299 then count_bad(status, body) end
            end

            """
    }

    /// `POST /payments`: a QR payment with its own id and `Idempotency-Key` per request (`RUN-THREAD-COUNTER`, the
    /// run's tag first so runs on one ledger never collide), paid by `bank`/`reference` with `payload`.
    static func qrPayments(key: String, runTag: String, payload: String, bank: String, reference: String) -> String {
        common + """

            local counter = 0
            local headers = {
                ["Authorization"] = "Bearer \(key)",
                ["Content-Type"] = "application/json",
            }
            local body_tail = '","qr":{"payload":"\(payload)","payer":{"bank":"\(bank)","reference":"\(reference)"}}}'

            function request()
                counter = counter + 1
                local id = "\(runTag)-" .. thread_id .. "-" .. counter
                headers["Idempotency-Key"] = id
                return wrk.format("POST", "/payments", headers, '{"id":"' .. id .. body_tail)
            end

            function response(status, headers, body)
                if status < 200 or status > 299 then
                    count_bad(status, body)
                elseif not string.find(body, '"status":"approved"', 1, true) then
                    declined = declined + 1
                    if first_bad == "" then first_bad = tostring(status) .. " " .. body end
                end
            end

            """
    }
}
