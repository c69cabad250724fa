import CorridorCore

/// Small inline-SVG charts for `report.html`: plain strings, fixed sizes, no script, so any browser draws them and
/// equal data gives equal bytes.
enum SVGChart {
    /// One bar, or one stacked segment.
    struct Segment {
        let value: Int64
        let color: String
    }

    /// A labelled horizontal bar.
    struct Bar {
        let label: String
        let value: Int64
        let text: String
        let color: String
    }

    /// The instruments' colours, in legend order.
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    /// Escapes text for XML and HTML.
    static func escape(_ text: String) -> String { MarkupText.escaped(text) }

    /// Vertical stacked columns (e.g. payments per hour by instrument), with x labels and a legend.
    static func stackedColumns(
        _ columns: [[Segment]], labels: [String], legend: [(String, String)], title: String
    ) -> String {
        let width = 1000
        let height = 320
        let left = 50
        let bottom = 40
        let top = 30
        let plotHeight = height - bottom - top
        let maximum = max(1, columns.map { $0.reduce(0) { $0 + $1.value } }.max() ?? 1)
        let slot = (width - left - 10) / max(1, columns.count)
        var svg = header(width: width, height: height, title: title)
        svg += axis(left: left, top: top, plotHeight: plotHeight, width: width, maximum: maximum)
        for (index, column) in columns.enumerated() {
            var y = top + plotHeight
            let x = left + index * slot + 2
            for segment in column where segment.value > 0 {
                let h = max(1, Int(segment.value * Int64(plotHeight) / maximum))
                y -= h
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(slot - 4)\" height=\"\(h)\" fill=\"\(segment.color)\"/>"
            }
            svg +=
                "<text x=\"\(x + (slot - 4) / 2)\" y=\"\(height - bottom + 14)\" "
                + "font-size=\"10\" text-anchor=\"middle\">"
                + "\(escape(labels[index]))</text>"
        }
        for (index, (name, color)) in legend.enumerated() {
            let x = left + index * 170
            svg += "<rect x=\"\(x)\" y=\"\(height - 16)\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(x + 16)\" y=\"\(height - 6)\" font-size=\"12\">\(escape(name))</text>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars with labels and value texts; negative values extend left of a centre line.
    static func horizontalBars(_ bars: [Bar], title: String) -> String {
        let rowHeight = 24
        let width = 1000
        let labelWidth = 300
        let textWidth = 230
        let top = 30
        let height = top + max(1, bars.count) * rowHeight + 10
        let hasNegative = bars.contains { $0.value < 0 }
        let plotWidth = width - labelWidth - textWidth
        let maximum = max(1, bars.map { abs($0.value) }.max() ?? 1)
        let zero = labelWidth + (hasNegative ? plotWidth / 2 : 0)
        let scale = hasNegative ? plotWidth / 2 : plotWidth
        var svg = header(width: width, height: height, title: title)
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            let length = max(bar.value == 0 ? 0 : 1, Int(abs(bar.value) * Int64(scale) / maximum))
            let x = bar.value < 0 ? zero - length : zero
            svg +=
                "<text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" font-size=\"12\" "
                + "text-anchor=\"end\">\(escape(bar.label))</text>"
            svg +=
                "<rect x=\"\(x)\" y=\"\(y + 4)\" width=\"\(length)\" "
                + "height=\"\(rowHeight - 8)\" fill=\"\(bar.color)\"/>"
            svg += "<text x=\"\(width - textWidth + 8)\" y=\"\(y + 16)\" font-size=\"12\">\(escape(bar.text))</text>"
        }
        if hasNegative {
            svg += "<line x1=\"\(zero)\" y1=\"\(top)\" x2=\"\(zero)\" y2=\"\(height - 10)\" stroke=\"#333\"/>"
        }
        return svg + "</svg>"
    }

    private static func header(width: Int, height: Int, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" "
            + "role=\"img\" aria-label=\"\(escape(title))\" font-family=\"sans-serif\">"
            + "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#fafafa\"/>"
            + "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>"
    }

    private static func axis(left: Int, top: Int, plotHeight: Int, width: Int, maximum: Int64) -> String {
        var svg =
            "<line x1=\"\(left)\" y1=\"\(top + plotHeight)\" "
            + "x2=\"\(width - 10)\" y2=\"\(top + plotHeight)\" stroke=\"#333\"/>"
        for step in 0...4 {
            let value = maximum * Int64(step) / 4
            let y = top + plotHeight - Int(value * Int64(plotHeight) / maximum)
            svg += "<line x1=\"\(left - 4)\" y1=\"\(y)\" x2=\"\(width - 10)\" y2=\"\(y)\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 4)\" font-size=\"10\" text-anchor=\"end\">\(value)</text>"
        }
        return svg
    }
}
