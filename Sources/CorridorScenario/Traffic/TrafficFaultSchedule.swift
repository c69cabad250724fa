import CorridorCore

/// The faults of a run as moments (seconds from the traffic day's midnight) where something changes, and windows
/// checked per card payment.
struct TrafficFaultSchedule {
    /// Something that happens at a moment.
    enum Event {
        case offline(bank: String, Bool)
        case fxJump(base: Currency, quote: Currency, mid: String)
        case sanctionsHit(index: Int, name: String, bank: String, merchant: String, amount: Money)
        case offlineStart(index: Int)
        case offlineSync(index: Int)
    }

    /// A window where a share of one issuer's card payments are delayed or dropped.
    struct IssuerWindow {
        let issuer: String
        let from: Int
        let to: Int
        let shareBps: Int
        /// Simulated seconds of delay; nil drops the answer.
        let delaySeconds: Int?
    }

    private(set) var events: [(at: Int, event: Event)] = []
    private(set) var windows: [IssuerWindow] = []
    private var next = 0

    init(_ faults: [ScenarioFault]) {
        for (index, fault) in faults.enumerated() {
            switch fault {
            case .issuerDelay(let issuer, let from, let to, let share, let seconds):
                windows.append(IssuerWindow(issuer: issuer, from: from, to: to, shareBps: share, delaySeconds: seconds))
            case .issuerDrop(let issuer, let from, let to, let share):
                windows.append(IssuerWindow(issuer: issuer, from: from, to: to, shareBps: share, delaySeconds: nil))
            case .bankOffline(let bank, let from, let to):
                events += [(from, .offline(bank: bank, true)), (to, .offline(bank: bank, false))]
            case .fxJump(let at, let base, let quote, let mid):
                events.append((at, .fxJump(base: base, quote: quote, mid: mid)))
            case .sanctionsHit(let at, let name, let bank, let merchant, let amount):
                events.append(
                    (at, .sanctionsHit(index: index, name: name, bank: bank, merchant: merchant, amount: amount)))
            case .offlineWallets(_, _, _, _, _, let from, let sync):
                events += [(from, .offlineStart(index: index)), (sync, .offlineSync(index: index))]
            }
        }
        // Stable: events at one moment keep file order.
        events = events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    /// The events due at or before `second`, each once.
    mutating func due(upTo second: Int) -> [(at: Int, event: Event)] {
        var result: [(at: Int, event: Event)] = []
        while next < events.count, events[next].at <= second {
            result.append(events[next])
            next += 1
        }
        return result
    }

    /// The window that applies to a card of `issuer` at `second`, if any.
    func window(issuer: String, at second: Int) -> IssuerWindow? {
        windows.first { $0.issuer == issuer && $0.from <= second && second < $0.to }
    }
}
