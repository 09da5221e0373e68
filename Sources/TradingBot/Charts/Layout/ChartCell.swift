/// One character cell of a terminal chart and the colour it is drawn in, if any.
struct ChartCell: Sendable, Equatable {
    /// The colours a chart uses: rising and falling bars.
    enum Tint: Sendable, Equatable {
        case up, down

        /// The ANSI SGR sequence that starts the colour (green, red).
        var escape: String {
            switch self {
            case .up: "\u{1B}[32m"
            case .down: "\u{1B}[31m"
            }
        }
    }

    static let reset = "\u{1B}[0m"
    static let blank = ChartCell(" ")

    var character: Character
    var tint: Tint?

    init(_ character: Character, tint: Tint? = nil) {
        self.character = character
        self.tint = tint
    }

    /// A row of cells as text: colour sequences only around tinted runs, and only when
    /// `colors` is on; trailing blanks dropped.
    static func text(of cells: [ChartCell], colors: Bool) -> String {
        var end = cells.endIndex
        while end > cells.startIndex, cells[end - 1].character == " " { end -= 1 }
        var text = ""
        var current: Tint?
        for cell in cells[..<end] {
            let tint = colors && cell.character != " " ? cell.tint : nil
            if tint != current {
                if current != nil { text += reset }
                if let tint { text += tint.escape }
                current = tint
            }
            text.append(cell.character)
        }
        if current != nil { text += reset }
        return text
    }
}
