import CorridorCore
@testable import CorridorGateway
import Foundation
import Testing

/// A hit's fields, for comparisons.
struct ScreeningHit: Equatable {
    let entryID: String
    let matchedName: String
    let subject: ScreeningSubject.Role
    let score: Double

    init(entryID: String, matchedName: String, subject: ScreeningSubject.Role, score: Double) {
        self.entryID = entryID
        self.matchedName = matchedName
        self.subject = subject
        self.score = score
    }

    init?(_ result: ScreeningResult) {
        guard case .hit(let entryID, _, let matchedName, let subject, let score) = result.decision else { return nil }
        self.entryID = entryID
        self.matchedName = matchedName
        self.subject = subject
        self.score = score
    }
}

@Suite("Screening: name and id-number matching")
struct ScreeningMatchTests {
    static let ruToCN = PaymentCorridor(payerCountry: .russia, payeeCountry: .china)
    static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    let sample: ComplianceScreener

    init() throws {
        sample = ComplianceScreener(watchList: try ScreeningSampleList.load())
    }

    private func screen(
        _ name: String, as role: ScreeningSubject.Role = .payer, idNumber: String? = nil,
        with screener: ComplianceScreener? = nil
    ) -> ScreeningResult {
        (screener ?? sample).screen(
            [ScreeningSubject(name: name, role: role, idNumber: idNumber)], payerKey: "card-1", corridor: Self.ruToCN,
            amount: Money(minorUnits: 10_000, currency: .rub), at: Self.now)
    }

    // MARK: Scripts

    @Test func cyrillicNameHitsItsLatinSpelling() {
        let screener = ComplianceScreener(watchList: WatchList(entries: [
            WatchListEntry(id: "P1", name: "Ivan Petrov", list: "TEST")
        ]))
        let hit = ScreeningHit(screen("Иван Петров", with: screener))
        #expect(hit == ScreeningHit(entryID: "P1", matchedName: "Ivan Petrov", subject: .payer, score: 1))
    }

    @Test func chineseNameHitsItsPinyinAndTheReverse() {
        let screener = ComplianceScreener(watchList: WatchList(entries: [
            WatchListEntry(id: "C1", name: "Wang Xiaoming", list: "TEST"),
            WatchListEntry(id: "C2", name: "李明", list: "TEST"),
        ]))
        #expect(ScreeningHit(screen("王小明", with: screener))?.entryID == "C1")
        // Pinyin syllables written apart are the same name.
        #expect(ScreeningHit(screen("Wang Xiao Ming", with: screener))?.score == 1)
        // Western order of a Chinese name listed in characters.
        #expect(
            ScreeningHit(screen("Ming Li", with: screener))
                == ScreeningHit(entryID: "C2", matchedName: "李明", subject: .payer, score: 1))
    }

    @Test func sampleEntryHitsInLatinCyrillicAndCapitals() {
        for name in ["Ivan Sanctionov", "Иван Санкционов", "ИВАН САНКЦИОНОВ", "ivan  sanctionov."] {
            let hit = ScreeningHit(screen(name))
            #expect(hit?.entryID == "CDL-0001", "\(name)")
            #expect(hit?.score == 1, "\(name)")
        }
    }

    @Test func reorderedTokensAreTheSameName() {
        #expect(
            ScreeningHit(screen("Sanctionov Ivan"))
                == ScreeningHit(entryID: "CDL-0001", matchedName: "Ivan Sanctionov", subject: .payer, score: 1))
    }

    @Test func chineseSampleEntryHitsInCharactersAndPinyin() {
        #expect(ScreeningHit(screen("王黑名"))?.matchedName == "王黑名")
        #expect(ScreeningHit(screen("Wang Heiming"))?.matchedName == "Wang Heiming")
        #expect(ScreeningHit(screen("Heiming Wang"))?.matchedName == "Wang Heiming")
    }

    @Test func chineseCompanyHitsWithoutItsLegalFormAndInPinyin() {
        let listed = "黑钱贸易有限公司"
        #expect(ScreeningHit(screen(listed, as: .payee))?.matchedName == listed)
        #expect(ScreeningHit(screen("黑钱贸易", as: .payee))?.matchedName == listed)
        #expect(ScreeningHit(screen("Heiqian Maoyi", as: .payee))?.matchedName == listed)
    }

    @Test func legalFormsAndPunctuationAreNoise() {
        #expect(
            ScreeningHit(screen("ООО «Северная Тень»", as: .payee))
                == ScreeningHit(entryID: "CDL-0002", matchedName: "ООО Северная Тень", subject: .payee, score: 1))
        #expect(
            ScreeningHit(screen("Northern Shadow Trading Co., Ltd.", as: .payee))
                == ScreeningHit(
                    entryID: "CDL-0002", matchedName: "Northern Shadow Trading LLC", subject: .payee, score: 1))
    }

    @Test func transliterationVariantsMeet() {
        // Юлия Скрытая by ICAO 9303 is "Iuliia Skrytaia"; the common spelling folds to it (yu → iu, ya → ia).
        #expect(ScreeningHit(screen("Yuliya Skrytaya"))?.matchedName == "Юлия Скрытая")
        // "Dmitriy", "Dmitry" and ICAO's "Dmitrii" (Дмитрий) end alike.
        #expect(ScreeningHit(screen("Dmitriy Offshorov"))?.entryID == "CDL-0006")
    }

    @Test func longerNameContainingTheListedOneHits() {
        // Every token of the listed name is in the payee's name: coverage 21/21.
        let hit = ScreeningHit(screen("Northern Shadow Trading LLC Moscow Branch", as: .payee))
        #expect(hit?.entryID == "CDL-0002")
        #expect(hit?.score == 1)
    }

    // MARK: Fuzzy scores, worked by hand

    @Test func oneLetterTypoHitsWithItsScore() throws {
        // "sanktionov" is one deletion from "sanktsionov" (Санкционов by ICAO 9303): 1 − 1/11 = 10/11; with "ivan"
        // equal, (4+4)·1 + (10+11)·10/11 over 4+10+4+11 = 29 → 298/319 ≈ 0.934, above the spelling "Sanctionov"
        // (one substitution: (8 + 20·0.9) / 28 = 13/14 ≈ 0.929).
        let hit = try #require(ScreeningHit(screen("Ivan Sanktionov")))
        #expect(hit.entryID == "CDL-0001")
        #expect(hit.matchedName == "Иван Санкционов")
        #expect(abs(hit.score - 298.0 / 319.0) < 1e-9)
    }

    @Test func transposedLettersAreOneEdit() throws {
        // "sanctoinov" → "sanctionov" swaps two neighbours: one edit, 0.9; (8 + 20·0.9) / 28 = 13/14.
        let hit = try #require(ScreeningHit(screen("Ivan Sanctoinov")))
        #expect(hit.matchedName == "Ivan Sanctionov")
        #expect(abs(hit.score - 13.0 / 14.0) < 1e-9)
    }

    @Test func nearMissBelowThresholdStaysClear() {
        // "sanctis" vs "sanctionov": 4 edits over 10 → 0.6; (8 + 17·0.6) / 25 = 0.728.
        #expect(abs(ComplianceScreener.similarity(of: "Ivan Sanctis", to: "Ivan Sanctionov") - 0.728) < 1e-9)
        #expect(screen("Ivan Sanctis").decision == .clear)
        // 王黑名 keeps 名 (not in the Pinyin table) as a token of weight 3: (8 + 6) / (7 + 10) = 14/17 ≈ 0.82.
        #expect(screen("Wang Hei").decision == .clear)
    }

    @Test func thresholdIsAParameter() throws {
        let lenient = ComplianceScreener(watchList: try ScreeningSampleList.load(), threshold: 0.7)
        let hit = try #require(ScreeningHit(screen("Ivan Sanctis", with: lenient)))
        #expect(hit.matchedName == "Ivan Sanctionov")
        #expect(abs(hit.score - 0.728) < 1e-9)
        // Below 2/3 every name is compared (no bigram filter); the same best match comes out.
        let veryLenient = ComplianceScreener(watchList: try ScreeningSampleList.load(), threshold: 0.6)
        #expect(ScreeningHit(screen("Ivan Sanctis", with: veryLenient))?.matchedName == "Ivan Sanctionov")
    }

    @Test(arguments: ["Anna Ivanova", "Алексей Смирнов", "李伟", "Global Tea Trading Co., Ltd.", "Ivan", "ООО", ""])
    func cleanNamesStayClear(_ name: String) {
        #expect(screen(name).decision == .clear)
    }

    @Test func indexFindsEveryNameABruteForceComparisonFinds() throws {
        // One-edit variants (deletion, substitution, transposition) of every listed spelling, screened through the
        // bigram index, must score exactly what comparing with every spelling of every entry gives.
        let list = try ScreeningSampleList.load()
        let spellings = list.entries.flatMap(\.names)
        let normalizedSpellings = spellings.map(NormalizedName.init)
        var subjects: [String] = []
        for spelling in spellings {
            let characters = Array(spelling)
            for position in stride(from: 0, to: characters.count, by: 3) {
                var deleted = characters
                deleted.remove(at: position)
                var substituted = characters
                substituted[position] = "x"
                var transposed = characters
                if position + 1 < characters.count { transposed.swapAt(position, position + 1) }
                subjects += [String(deleted), String(substituted), String(transposed)]
            }
        }
        #expect(subjects.count > 300)
        var fuzzyHits = 0
        for subject in subjects {
            let normalized = NormalizedName(subject)
            let best = normalizedSpellings.map { NormalizedName.similarity(subject: normalized, entry: $0) }.max() ?? 0
            let hit = ScreeningHit(screen(subject))
            if best >= 0.9 {
                if best < 1 { fuzzyHits += 1 }
                #expect(abs((hit?.score ?? 0) - best) < 1e-12, "\(subject)")
            } else {
                #expect(hit == nil, "\(subject)")
            }
        }
        // Most one-edit variants of names with long tokens stay above 0.9 without being exact: the fuzzy path is
        // what this checks, not only the exact keys.
        #expect(fuzzyHits > 100)
    }

    // MARK: Id numbers and roles

    @Test func idNumberHitsWhateverTheName() {
        #expect(
            ScreeningHit(screen("Jane Roe", idNumber: "demo pass 4500 000001"))
                == ScreeningHit(entryID: "CDL-0001", matchedName: "Ivan Sanctionov", subject: .payer, score: 1))
        #expect(screen("Jane Roe", idNumber: "DEMO-PASS-4500-000002").decision == .clear)
    }

    @Test func banksAreScreenedToo() {
        let result = sample.screen(
            [
                ScreeningSubject(name: "Anna Ivanova", role: .payer),
                ScreeningSubject(name: "Chengdu Tea House", role: .payee),
                ScreeningSubject(name: "Bank of Harbin Example", role: .payerBank),
                ScreeningSubject(name: "Банк Невидимка", role: .payeeBank),
            ], payerKey: "card-1", corridor: Self.ruToCN, amount: Money(minorUnits: 10_000, currency: .rub),
            at: Self.now)
        // "Банк Невидимка" reads "Bank Nevidimka" by ICAO 9303: the primary name, listed before the Cyrillic alias.
        #expect(
            ScreeningHit(result)
                == ScreeningHit(entryID: "CDL-0014", matchedName: "Bank Nevidimka", subject: .payeeBank, score: 1))
    }

    @Test func theHighestScoringSubjectIsReported() {
        let result = sample.screen(
            [
                ScreeningSubject(name: "Ivan Sanctoinov", role: .payer),
                ScreeningSubject(name: "Wang Heiming", role: .payee),
            ], payerKey: "card-1", corridor: Self.ruToCN, amount: Money(minorUnits: 10_000, currency: .rub),
            at: Self.now)
        #expect(ScreeningHit(result)?.subject == .payee)
    }

    @Test func verdictsStayRightWhenTheCacheOverflowsUnderConcurrency() async throws {
        let screener = ComplianceScreener(watchList: try ScreeningSampleList.load(), nameCacheCapacity: 4)
        let names = ["Ivan Sanctionov", "Anna Ivanova", "王黑名", "Li Wei", "Banco Fantasma", "Ivan Sanctis",
                     "Boris Embargov", "Tea House"]
        let expected = ["CDL-0001", nil, "CDL-0003", nil, "CDL-0015", nil, "CDL-0004", nil]
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for round in 0..<400 {
                group.addTask {
                    let index = round % names.count
                    let result = screener.screen(
                        [ScreeningSubject(name: names[index], role: .payee)], payerKey: "p\(round)",
                        corridor: Self.ruToCN, amount: Money(minorUnits: 100, currency: .rub), at: Self.now)
                    return ScreeningHit(result)?.entryID == expected[index] ? 0 : 1
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
