import CorridorCBDC
import CorridorCore
import CorridorGateway
import CorridorLedger
import CorridorScenario
import Foundation
import Hummingbird
import NIOCore

extension HTTPProblem {
    /// The problem an error thrown while answering a request becomes: typed library errors map to 400/404/409/422,
    /// anything unexpected to a 500 whose detail says nothing about the internals.
    /// - Parameters:
    ///   - error: what was thrown.
    public init(mapping error: any Error) {
        switch error {
        case let problem as HTTPProblem:
            self = problem
        case let error as HTTPError:
            self = HTTPProblem(error.status, detail: error.body ?? error.status.reasonPhrase)
        case let error as DecodingError:
            self = Self.decoding(error)
        case let error as GatewayError:
            self = Self.gateway(error)
        case let error as GatewayConfigurationError:
            self = Self.configuration(error)
        case let error as CBDCPlatformError:
            self = Self.platform(error)
        case let error as MoneyError:
            self = .unprocessable("\(error)", field: "amount")
        case let error as CardError:
            // CardError descriptions never hold the digits (CorridorCore guarantees it); still name only the field.
            self = .unprocessable("the card number is not valid: \(error)", field: "card.pan")
        case let error as ScenarioError:
            self = .unprocessable("\(error)", field: "body")
        case LedgerError.storage:
            // The ledger's database failed to answer (gone, restarting): the request did not complete and may be
            // retried as it is; the message stays in the log.
            self = .unavailable("the ledger's database did not answer; nothing was acknowledged, retry later")
        case let error as any PaymentStoreFailure where error.isDatabaseUnavailable:
            // The payment records' database failed to answer (PostgreSQL gone, restarting): the same as the ledger's.
            self = .unavailable("the payment records' database did not answer; nothing was acknowledged, retry later")
        case is NIOTooManyBytesError:
            self = .contentTooLarge(limit: HTTPLimits.requestBodyBytesMax)
        default:
            self = HTTPProblem(.internalServerError, detail: "the server failed to answer; the error was logged")
        }
    }

    /// A JSON body that does not decode: the path of the offending field, never its value.
    static func decoding(_ error: DecodingError) -> HTTPProblem {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (last.map { [$0] } ?? [])
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "body" : text.replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .badRequest("required field is missing", field: path(context.codingPath, key))
        case .typeMismatch(let type, let context):
            return .badRequest("expected \(type)", field: path(context.codingPath))
        case .valueNotFound(let type, let context):
            return .badRequest("expected \(type), found null", field: path(context.codingPath))
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            return .badRequest(field == "body" ? "the body is not valid JSON" : context.debugDescription, field: field)
        @unknown default:
            return .badRequest("the body does not decode")
        }
    }

    static func gateway(_ error: GatewayError) -> HTTPProblem {
        switch error {
        case .paymentUnknown(let id): .notFound("no payment \(id)")
        case .refundRefused: .conflict(error.description)
        case .idReused: .conflict(error.description, field: "id")
        case .ledgerRefused: .unprocessable(error.description)
        }
    }

    static func configuration(_ error: GatewayConfigurationError) -> HTTPProblem {
        switch error {
        case .keyMissing(_, let key): .unprocessable("\"\(key)\" is missing", field: key)
        case .keyUnknown(_, let key): .unprocessable("unknown field", field: key)
        case .valueInvalid(_, let key, let reason): .unprocessable(reason, field: key)
        case .referenceUnknown(_, let key, let value):
            .unprocessable("\"\(value)\" is not in the directory", field: key)
        case .duplicate(_, let key, let value): .conflict("\"\(value)\" already exists", field: key)
        case .syntaxInvalid(_, let reason): .badRequest(reason)
        }
    }

    static func platform(_ error: CBDCPlatformError) -> HTTPProblem {
        switch error {
        case .bankUnknown: .unprocessable(error.description, field: "bank")
        case .walletUnknown: .notFound(error.description)
        case .walletTypeMismatch: .conflict(error.description, field: "type")
        case .amountInvalid: .unprocessable(error.description, field: "amount")
        case .identifierInvalid: .unprocessable(error.description, field: "holder")
        case .notAMerchant: .unprocessable(error.description)
        case .ledgerRefused, .registrationCorrupt, .configurationInvalid: .unprocessable(error.description)
        }
    }
}
