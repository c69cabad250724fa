import CorridorISO8583
import Synchronization

/// Sample requests: an authorization with a PAN, so every test can check the PAN never leaks into logs.
enum TestRequests {
    static let pan = "4111111111111111"

    /// An 0100 whose STAN is `stan` (six digits).
    static func authorization(stan: Int, terminal: String = "TERM0001", amount: String = "000000010000")
        -> IsoMessage
    {
        IsoMessage(
            mti: "0100",
            text: [
                2: pan, 3: "000000", 4: amount, 7: "0101120000", 11: stanText(stan), 41: terminal, 49: "643",
            ])
    }

    static func stanText(_ stan: Int) -> String {
        let digits = String(stan)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}

/// Approves everything: the response MTI, the request's fields, field 39 "00".
struct ApprovingHandler: ISO8583RequestHandler {
    func respond(to request: IsoMessage) async -> IsoMessage? {
        Self.approval(of: request)
    }

    static func approval(of request: IsoMessage) -> IsoMessage? {
        guard let mti = try? request.messageTypeIndicator().responseMTI else { return nil }
        var response = IsoMessage(mti: mti, fields: request.fields)
        response[text: 39] = "00"
        return response
    }
}

/// Sleeps before approving: the delay in milliseconds is read from the amount's last six digits, so a test can
/// make early requests slower than later ones.
struct SleepingHandler: ISO8583RequestHandler {
    func respond(to request: IsoMessage) async -> IsoMessage? {
        let amount = request[text: 4] ?? "0"
        let milliseconds = Int(amount.suffix(6)) ?? 0
        try? await Task.sleep(for: .milliseconds(milliseconds))
        return ApprovingHandler.approval(of: request)
    }
}

/// Drops (answers nil) every request whose STAN is even; approves the rest.
struct DroppingHandler: ISO8583RequestHandler {
    func respond(to request: IsoMessage) async -> IsoMessage? {
        let stan = Int(request[text: 11] ?? "") ?? 0
        return stan % 2 == 0 ? nil : ApprovingHandler.approval(of: request)
    }
}

/// Holds every request until `count` requests are inside the handler at once, then approves them all: a server
/// that answered one request at a time would never get there (and times out to "96" instead).
actor BarrierHandler: ISO8583RequestHandler {
    let count: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private(set) var arrivedCount = 0

    init(count: Int) {
        self.count = count
    }

    func respond(to request: IsoMessage) async -> IsoMessage? {
        arrivedCount += 1
        if arrivedCount >= count {
            for continuation in waiting { continuation.resume() }
            waiting.removeAll()
        } else {
            let timedOut = await waitOrTimeOut()
            if timedOut {
                var response = ApprovingHandler.approval(of: request)
                response?[text: 39] = "96"
                return response
            }
        }
        return ApprovingHandler.approval(of: request)
    }

    private var released: Bool { arrivedCount >= count }

    /// True when the barrier was not reached within 10 seconds.
    private func waitOrTimeOut() async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while !released {
            if ContinuousClock.now >= deadline { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }
}
