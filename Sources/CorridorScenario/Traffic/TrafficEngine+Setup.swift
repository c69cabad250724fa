import CorridorCBDC
import CorridorCore
import CorridorGateway

extension TrafficEngine {
    /// Every group's instruments find merchants of the traffic's country in every basket's currency.
    func checkPools(_ merchants: TrafficMerchants) throws(ScenarioError) {
        for (index, group) in population.enumerated() {
            for share in group.instruments {
                for spending in group.spending
                where merchants.pool(
                    share.instrument, mcc: spending.merchantCategoryCode, currency: spending.basketMin.currency) == nil
                {
                    let place = traffic.merchantCountry.map { " in \($0.alpha2)" } ?? ""
                    throw ScenarioError(
                        line: group.line, key: "population[\(index)].spending",
                        "no merchant\(place) takes \(share.instrument.rawValue) "
                            + "in \(spending.basketMin.currency.alphaCode)"
                    )
                }
            }
        }
    }

    /// Opens the wallets traffic pays from and to: each wallet tourist's (funded from a deposit and converted), and
    /// each digital-ruble merchant's (a company wallet whose id must be the directory's `cbdc_wallet`).
    func openWallets(directory: GatewayDirectory) async throws {
        let walletGroups = population.filter { $0.instruments.contains { $0.instrument == .cbdcWallet } }
        guard let firstBank = walletGroups.first?.walletBank else { return }
        guard let platform else {
            throw ScenarioError(line: walletGroups.first?.line, key: "world.cbdc", "wallets need a platform")
        }
        for merchant in directory.merchants.values.sorted(by: { $0.id < $1.id })
        where merchant.instruments.contains(.cbdcWallet) && merchant.cbdcWallet != nil {
            let expected = DigitalRublePlatform.walletID(forHolder: merchant.id)
            guard merchant.cbdcWallet == expected else {
                throw ScenarioError(
                    line: nil, key: "world.gateway",
                    "merchant \(merchant.id): cbdc_wallet must be \(expected), "
                        + "the platform's wallet id of holder \(merchant.id)"
                )
            }
            _ = try await platform.openWallet(
                holder: merchant.id, name: merchant.name, type: .company, bank: firstBank,
                merchantCategoryCode: merchant.mcc)
        }
        for (groupIndex, group) in population.enumerated() {
            guard let bank = group.walletBank, group.instruments.contains(where: { $0.instrument == .cbdcWallet })
            else { continue }
            for index in 0..<group.size {
                let tourist = Tourist(group: group, groupIndex: groupIndex, index: index)
                guard tourist.instrument == .cbdcWallet else { continue }
                let holder = tourist.walletHolder
                _ = try await platform.openWallet(holder: holder, name: tourist.name, type: .person, bank: bank)
                try await platform.fundDeposit(
                    customer: holder, bank: bank, amount: group.balance, reference: "OPEN-" + holder)
                let converted = await platform.convertToDigital(
                    id: "CNV-" + holder, wallet: tourist.walletID, bank: bank,
                    amount: group.balance)
                guard converted.isApproved else {
                    throw ScenarioError(
                        line: group.line, key: "population[\(groupIndex)].balance",
                        "converting \(group.balance) for \(holder) at \(bank) was declined: "
                            + (converted.declineReason.map { "\($0)" } ?? ""))
                }
            }
        }
    }
}
