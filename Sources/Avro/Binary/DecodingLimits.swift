/// Bounds that keep decoding of untrusted input safe. Lengths and block counts are always checked against the
/// bytes that remain before anything is allocated; these limits cover what that check cannot.
public struct DecodingLimits: Sendable, Hashable {
    /// The deepest nesting of records decoded. Only a recursive schema can nest without bound, and each level
    /// uses stack, so data nested deeper fails with `AvroError.nestingTooDeep` instead of overflowing.
    ///
    /// Default: 200, which fits the 512 KiB stacks of secondary threads with room to spare.
    public var maxDepth: Int
    /// The most items accepted in one array or map whose items take no bytes at all (an array of `null`), since
    /// the input length cannot bound those.
    ///
    /// Default: 1,048,576.
    public var maxZeroSizeItems: Int

    /// Creates decoding limits.
    ///
    /// - Parameters:
    ///   - maxDepth: The deepest record nesting decoded.
    ///   - maxZeroSizeItems: The most zero-byte items in one array or map.
    public init(maxDepth: Int = 200, maxZeroSizeItems: Int = 1 << 20) {
        self.maxDepth = maxDepth
        self.maxZeroSizeItems = maxZeroSizeItems
    }
}
