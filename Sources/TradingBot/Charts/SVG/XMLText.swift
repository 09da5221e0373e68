/// Text made safe for an XML document: markup characters escaped and the characters XML 1.0
/// forbids (controls other than tab, newline and carriage return) replaced with U+FFFD, so that
/// a name from the server can never end an element or break the document.
///
/// ```swift
/// XMLText.escape("S&P <E-mini>")  // "S&amp;P &lt;E-mini&gt;"
/// ```
enum XMLText {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                let forbidden = scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value)
                escaped.unicodeScalars.append(forbidden ? "\u{FFFD}" : scalar)
            }
        }
        return escaped
    }
}
