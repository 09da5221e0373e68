/// A table for people: a header row and columns padded to their widest cell, numbers aligned on
/// the right, two spaces between columns, no trailing blanks.
///
/// ```swift
/// var table = TextTable(columns: [.left("ID"), .right("BALANCE")])
/// table.append(["8101001", "50000.00"])
/// print(table.rendered())
/// ```
struct TextTable: Sendable, Equatable {
    /// A column's title and how its cells line up.
    struct Column: Sendable, Equatable {
        enum Alignment: Sendable, Equatable { case left, right }
        let title: String
        let alignment: Alignment

        static func left(_ title: String) -> Column { Column(title: title, alignment: .left) }
        static func right(_ title: String) -> Column { Column(title: title, alignment: .right) }
    }

    let columns: [Column]
    private(set) var rows: [[String]] = []

    init(columns: [Column]) {
        self.columns = columns
    }

    /// Adds a row; missing cells are blank and extra cells are dropped.
    mutating func append(_ cells: [String]) {
        var row = Array(cells.prefix(columns.count))
        while row.count < columns.count { row.append("") }
        rows.append(row)
    }

    /// The header and the rows, one line each, without a final newline.
    func rendered() -> String {
        var widths = columns.map { $0.title.count }
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                parts.append(columns[index].alignment == .right ? padding + cell : cell + padding)
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        return ([line(columns.map(\.title))] + rows.map(line)).joined(separator: "\n")
    }
}
