import Foundation

/// Finds a key in a JSON document that the value decoded from it does not have: a field the reader ignored.
///
/// `JSONDecoder` skips keys a type does not declare, so `{"ammount": …}` on a refund would silently refund the whole
/// amount. Encoding the decoded value back gives every key the type knows and holds a value for; a key of the
/// document missing there is unknown. Keys whose value is `null` count as absent (an optional left out), and objects
/// inside arrays are compared element by element.
///
/// Guarantees: never throws or traps on any input (a document that is not a JSON object has no unknown keys here;
/// the decoder reports what is wrong with it); keys are reported in the document's path form `card.amount.valeu`,
/// `items[2].name`.
public enum JSONUnknownKeys {
    /// The path of the first key of `document` (UTF-8 JSON) that `decoded`, encoded back, does not have; nil when
    /// every key is known.
    public static func first(in document: Data, decoded: some Encodable) -> String? {
        guard let given = try? JSONSerialization.jsonObject(with: document, options: [.fragmentsAllowed]),
            let encoded = try? Data(StreamingJSONEncoder().encode(decoded)),
            let known = try? JSONSerialization.jsonObject(with: encoded, options: [.fragmentsAllowed])
        else { return nil }
        return first(given, known, path: "")
    }

    private static func first(_ given: Any, _ known: Any, path: String) -> String? {
        if let object = given as? [String: Any] {
            let knownObject = known as? [String: Any] ?? [:]
            for key in object.keys.sorted() {
                guard let value = object[key], !(value is NSNull) else { continue }
                let childPath = path.isEmpty ? key : path + "." + key
                guard let knownValue = knownObject[key] else { return childPath }
                if let found = first(value, knownValue, path: childPath) { return found }
            }
        } else if let array = given as? [Any], let knownArray = known as? [Any] {
            for (index, element) in array.enumerated() where index < knownArray.count {
                if let found = first(element, knownArray[index], path: path + "[\(index)]") { return found }
            }
        }
        return nil
    }
}
