extension Duration {
    /// The duration in seconds as a floating-point number.
    package var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// `250 ms`, `15 s`, `1.5 s`: for messages people read.
    package var formattedSeconds: String {
        let value = seconds
        guard value.isFinite else { return "\(self)" }
        if value < 1, value > -1 { return "\(Int((value * 1000).rounded())) ms" }
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() && abs(tenths) < 1e15 ? "\(Int(tenths)) s" : "\(tenths) s"
    }
}
