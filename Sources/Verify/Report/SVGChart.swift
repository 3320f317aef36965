import Foundation

/// A small line chart as inline SVG, with vertical markers for faults and process events; no script, no
/// external resources, so the HTML report stays one self-contained file.
struct SVGChart {
    struct Series {
        var name: String
        var color: String
        var points: [(x: Double, y: Double)]
    }

    var title: String
    var unit: String
    var duration: Double
    var series: [Series]
    var markers: [Timeline.Marker]

    let width = 760.0
    let height = 240.0
    let left = 56.0
    let right = 16.0
    let top = 28.0
    let bottom = 36.0

    func render() -> String {
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let maxX = max(duration, 1)
        let step = Self.niceStep(max(series.flatMap { $0.points.map(\.y) }.max() ?? 0, 1) / 4)
        let maxY = step * 4.4
        func x(_ value: Double) -> Double { left + value / maxX * plotWidth }
        func y(_ value: Double) -> Double { top + plotHeight - value / maxY * plotHeight }
        var parts: [String] = []
        parts.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" class=\"chart\">")
        parts.append("<title>\(Markup.escape(title))</title>")
        parts.append("<text x=\"\(Int(left))\" y=\"14\" font-family=\"sans-serif\" font-size=\"12\" font-weight=\"bold\">\(Markup.escape(title))</text>")
        for tick in 0...4 {
            let value = step * Double(tick)
            let position = Markup.number(y(value))
            parts.append("<line x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(position)\" y2=\"\(position)\" stroke=\"#e5e5e5\"/>")
            parts.append("<text x=\"\(Int(left - 6))\" y=\"\(position)\" \(axisFont) text-anchor=\"end\" dominant-baseline=\"middle\">\(Markup.number(value))</text>")
        }
        for tick in 0...5 {
            let value = maxX * Double(tick) / 5
            parts.append("<text x=\"\(Markup.number(x(value)))\" y=\"\(Int(height - bottom + 16))\" \(axisFont) text-anchor=\"middle\">\(Markup.number(value))s</text>")
        }
        parts.append("<text x=\"\(Int(width - right))\" y=\"\(Int(height - 4))\" \(axisFont) text-anchor=\"end\">\(Markup.escape(unit))</text>")
        for (number, marker) in markers.enumerated() {
            let position = Markup.number(x(marker.seconds))
            let color = Self.color(of: marker.kind)
            // Alternate label heights so markers close in time stay readable.
            let labelY = Int(top) + 10 + (number % 3) * 10
            parts.append(
                "<g><title>\(Markup.escape(String(format: "%.1f", marker.seconds)))s: \(Markup.escape(marker.label))</title>"
                    + "<line x1=\"\(position)\" x2=\"\(position)\" y1=\"\(Int(top))\" y2=\"\(Int(top + plotHeight))\" stroke=\"\(color)\" "
                    + "stroke-dasharray=\"3 3\"/>"
                    + "<text x=\"\(position)\" y=\"\(labelY)\" dx=\"2\" fill=\"\(color)\" font-family=\"sans-serif\" font-size=\"9\">\(number + 1)</text></g>")
        }
        for line in series where !line.points.isEmpty {
            let path = line.points.map { "\(Markup.number(x($0.x))),\(Markup.number(y($0.y)))" }.joined(separator: " ")
            parts.append("<polyline fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"1.8\" points=\"\(path)\"><title>\(Markup.escape(line.name))</title></polyline>")
        }
        var legendX = left + 120
        for line in series {
            parts.append("<rect x=\"\(Int(legendX))\" y=\"10\" width=\"12\" height=\"3\" fill=\"\(line.color)\"/>")
            parts.append("<text x=\"\(Int(legendX + 16))\" y=\"15\" \(axisFont)>\(Markup.escape(line.name))</text>")
            legendX += 130
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// The smallest of 1, 2 or 5 times a power of ten that is at least `raw`, so axis labels read as round numbers.
    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, floor(log10(raw)))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= raw { return factor * magnitude }
        return 10 * magnitude
    }

    private var axisFont: String { "font-family=\"sans-serif\" font-size=\"10\" fill=\"#555\"" }

    /// Faults red, skipped faults grey, process events blue, the end of input green.
    static func color(of kind: RunMark.Kind) -> String {
        switch kind {
        case .fault: return "#c62828"
        case .faultSkipped: return "#9e9e9e"
        case .processStarted, .processExited: return "#1565c0"
        case .inputFinished: return "#2e7d32"
        }
    }
}
