/// A schema (or a writer/reader pair) compiled once into a flat table of nodes, so that encoding and decoding
/// are a tight loop over plain integers instead of a walk over enums, names and dictionaries.
///
/// Recursive schemas become cycles of node indices. Payload that does not fit in a node lives in the flat side
/// tables, addressed by the node's operands. A class with constant tables, so that encoders and decoders share one
/// copy and read it without reference counting or exclusivity checks.
final class Program: Sendable {
    /// How a node reads its bytes (the writer's type).
    enum Op: UInt8, Sendable {
        case null, boolean, int, long, float, double, bytes, string, fixed
        /// `a`: first reader symbol in `symbols`; `b`: writer symbol count; `c`: first entry in `enumMap`;
        /// `d`: reader symbol count.
        case enumeration
        /// `a`: item node.
        case array
        /// `a`: value node.
        case map
        /// `a`: first branch node in `branches`; `b`: branch count; `c`: first entry in `dispatch`.
        case union
        /// `a`: first writer field in `fieldActions`; `b`: writer field count; `c`: first reader field in
        /// `fieldNames`/`fieldDefaults`; `d`: reader field count; `e`: first entry in `fills`, with count in `f`.
        case record
        /// Fails when reached; `a` indexes `failures`. Resolution puts these where the writer may send data the
        /// reader cannot take (a union branch with no counterpart), so the error comes only if such data appears.
        case fail
    }

    /// Which `AvroValue` case a node produces (the reader's type).
    enum Tag: UInt8, Sendable {
        case none, int, long, float, double, bytes, string, fixed
        case date, timeMillis, timeMicros, timestampMillis, timestampMicros, localTimestampMillis, localTimestampMicros
        case decimal, uuid
    }

    struct Node: Sendable {
        var op: Op
        var tag: Tag = .none
        /// Set on a record whose writer fields land in reader slots 0, 1, 2, … with nothing to fill.
        var inOrder = false
        /// The fewest bytes one value of this node occupies; bounds block counts before anything is allocated.
        var minSize: Int32 = 0
        var a: Int32 = 0
        var b: Int32 = 0
        var c: Int32 = 0
        var d: Int32 = 0
        var e: Int32 = 0
        var f: Int32 = 0

        init(op: Op, tag: Tag = .none) {
            self.op = op
            self.tag = tag
        }
    }

    /// A writer field: the node that reads it, and the reader slot it fills (-1 to skip it).
    struct FieldAction: Sendable {
        var node: Int32
        var slot: Int32
    }

    /// A reader field the writer does not have: the slot and the default that fills it.
    struct Fill: Sendable {
        var slot: Int32
        var value: AvroValue
    }

    let nodes: [Node]
    let root: Int32
    let branches: [Int32]
    /// Union branch choice per value kind, `AvroValue.kindCount` entries per union: the branch index, -1 for none,
    /// -2 when several branches may fit and the value itself decides.
    let dispatch: [Int8]
    let fieldActions: [FieldAction]
    let fieldNames: [String]
    let fieldDefaults: [AvroValue?]
    let fills: [Fill]
    let symbols: [String]
    /// Writer symbol index to reader symbol index; -1 where the reader has no such symbol and no default.
    let enumMap: [Int32]
    /// The full name of each record node's reader record, for choosing among record branches of a union.
    let recordNames: [Int32: String]
    /// Messages for `fail` nodes, each with its path in the reader schema.
    let failures: [(path: String, message: String)]

    init(_ tables: ProgramTables) {
        nodes = tables.nodes
        root = tables.root
        branches = tables.branches
        dispatch = tables.dispatch
        fieldActions = tables.fieldActions
        fieldNames = tables.fieldNames
        fieldDefaults = tables.fieldDefaults
        fills = tables.fills
        symbols = tables.symbols
        enumMap = tables.enumMap
        recordNames = tables.recordNames
        failures = tables.failures
    }
}

/// The tables of a ``Program`` while ``ProgramBuilder`` fills them.
struct ProgramTables {
    var nodes: [Program.Node] = []
    var root: Int32 = 0
    var branches: [Int32] = []
    /// Union branch choice per value kind, `AvroValue.kindCount` entries per union: the branch index, -1 for none,
    /// -2 when several branches may fit and the value itself decides.
    var dispatch: [Int8] = []
    var fieldActions: [Program.FieldAction] = []
    var fieldNames: [String] = []
    var fieldDefaults: [AvroValue?] = []
    var fills: [Program.Fill] = []
    var symbols: [String] = []
    /// Writer symbol index to reader symbol index; -1 where the reader has no such symbol and no default.
    var enumMap: [Int32] = []
    /// The full name of each record node's reader record, for choosing among record branches of a union.
    var recordNames: [Int32: String] = [:]
    /// Messages for `fail` nodes, each with its path in the reader schema.
    var failures: [(path: String, message: String)] = []
}
