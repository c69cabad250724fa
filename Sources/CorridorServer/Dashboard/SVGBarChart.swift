/// A small horizontal bar chart as inline SVG: one bar per row, positive to the right of the axis, negative to the
/// left, each labelled with its text.
struct SVGBarChart {
    /// One bar: its label, its value (any unit) and the text printed beside it.
    struct Bar {
        let label: String
        let value: Int64
        let text: String
    }

    let bars: [Bar]

    /// The SVG element.
    func render() -> String {
        let rowHeight = 22
        let labelWidth = 180
        let plotWidth = 360
        let height = max(1, bars.count) * rowHeight + 8
        let largest = max(1, bars.map { $0.value.magnitude }.max() ?? 1)
        let hasNegative = bars.contains { $0.value < 0 }
        let axis = labelWidth + (hasNegative ? plotWidth / 2 : 0)
        let span = hasNegative ? plotWidth / 2 : plotWidth
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + plotWidth + 150)\" height=\"\(height)\" "
            + "role=\"img\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"12\">"
        svg += "<line x1=\"\(axis)\" y1=\"0\" x2=\"\(axis)\" y2=\"\(height)\" stroke=\"#8a97a5\"/>"
        for (index, bar) in bars.enumerated() {
            let y = 4 + index * rowHeight
            let length = Int(Double(bar.value.magnitude) / Double(largest) * Double(span))
            let x = bar.value < 0 ? axis - length : axis
            let colour = bar.value < 0 ? "#b3261e" : "#2f6fae"
            svg += "<text x=\"0\" y=\"\(y + 14)\">\(HTMLPage.escape(bar.label))</text>"
            svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(max(length, 1))\" height=\"\(rowHeight - 6)\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(labelWidth + plotWidth + 6)\" y=\"\(y + 14)\">\(HTMLPage.escape(bar.text))</text>"
        }
        return svg + "</svg>"
    }
}
