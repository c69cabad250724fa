import CorridorCore
import CorridorLedger

/// A participant's position in one currency: what the ledger's position account, a statement and a reconciliation
/// line are about.
struct PositionKey: Sendable, Hashable, Comparable {
    let participant: ParticipantID
    let currency: Currency

    var account: AccountID { GatewayAccounts.position(of: participant, currency: currency) }

    /// Currency first, then participant: the order of the netting result.
    static func < (lhs: PositionKey, rhs: PositionKey) -> Bool {
        lhs.currency != rhs.currency ? lhs.currency < rhs.currency : lhs.participant < rhs.participant
    }
}

/// The directory entries a clearing run needs, looked up once: every netted participant and every currency's
/// settlement agent.
struct ClearingParties: Sendable {
    /// The participants by id (netted ones and agents).
    let participants: [ParticipantID: Participant]
    /// The settlement agent of each netted currency.
    let agents: [Currency: Participant]

    /// Resolves the parties of a netting.
    /// - Throws: ``ClearingError/settlementAgentMissing(_:)`` for the first currency (alphabetically) without an
    ///   agent, ``ClearingError/participantUnknown(_:)`` for a participant or agent not in the directory.
    init(netting: NettingResult, directory: GatewayDirectory) throws(ClearingError) {
        var participants: [ParticipantID: Participant] = [:]
        var agents: [Currency: Participant] = [:]
        for currency in netting.currencies {
            guard let agentID = directory.settlementAgents[currency.currency] else {
                throw .settlementAgentMissing(currency.currency)
            }
            guard let agent = directory.participant(agentID) else { throw .participantUnknown(agentID) }
            agents[currency.currency] = agent
            participants[agentID] = agent
        }
        for position in netting.positions where participants[position.participant] == nil {
            guard let participant = directory.participant(position.participant) else {
                throw .participantUnknown(position.participant)
            }
            participants[position.participant] = participant
        }
        self.participants = participants
        self.agents = agents
    }
}
