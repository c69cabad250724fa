/// Answers that the network endpoint itself gives to a request it cannot pass to a handler.
///
/// An error response is the request's response MTI (0100 → 0110, ISO 8583:1987 clause 4.1, function + 1) with
/// field 39 set and the request's identifying fields echoed, so the acquirer can match it to its request.
/// It never echoes the PAN, track data or a PIN block.
public enum ISO8583ErrorResponse {
    /// ISO 8583:1987 field 39 "30": format error.
    public static let formatErrorCode = "30"
    /// ISO 8583:1987 field 39 "96": system malfunction.
    public static let systemMalfunctionCode = "96"

    /// Fields copied from the request when present: processing code, amount, transmission time, STAN, local
    /// time and date, acquirer id, RRN, terminal id, merchant id, currency, network management code.
    public static let echoedFieldNumbers: [Int] = [3, 4, 7, 11, 12, 13, 32, 37, 41, 42, 49, 70]

    /// The error response to a request.
    /// - Parameters:
    ///   - request: the request, or as much of it as could be read.
    ///   - responseCode: the field 39 value, two characters (``formatErrorCode``, ``systemMalfunctionCode``).
    /// - Returns: the response, or nil when the MTI is not a request, advice, notification or instruction (a
    ///   response is never answered).
    public static func response(to request: IsoMessage, responseCode: String) -> IsoMessage? {
        precondition(responseCode.utf8.count == 2, "field 39 is two characters")
        guard let indicator = try? request.messageTypeIndicator(), let responseMTI = indicator.responseMTI else {
            return nil
        }
        var fields: [Int: [UInt8]] = [:]
        for number in echoedFieldNumbers {
            if let value = request.fields[number] { fields[number] = value }
        }
        fields[39] = Array(responseCode.utf8)
        return IsoMessage(mti: responseMTI, fields: fields)
    }

    /// The format-error response (field 39 "30") to a message that failed to unpack.
    /// - Parameters:
    ///   - bytes: the message (no framing).
    ///   - failure: the error `spec.unpack` threw for it.
    ///   - spec: the dialect it was read with.
    /// - Returns: the response, or nil when the MTI cannot be read or is not a request's.
    public static func formatError(for bytes: [UInt8], failure: ISO8583Error, spec: MessageSpec) -> IsoMessage? {
        guard let readable = spec.unpackReadablePart(bytes, failure: failure) else { return nil }
        return response(to: readable, responseCode: formatErrorCode)
    }
}
