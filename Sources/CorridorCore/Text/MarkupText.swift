/// Text for HTML and XML (the dashboard's pages, the scenario report, their inline SVG).
public enum MarkupText {
    /// `text` with the five XML special characters escaped, safe inside elements and quoted attributes.
    public static func escaped(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
