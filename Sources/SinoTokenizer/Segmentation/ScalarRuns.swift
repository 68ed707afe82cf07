/// Where the run of values in `lower ..< lower &+ width` that starts at
/// `start` ends, before `end`: the first index from `start` whose value lies
/// outside the range, or `end`.
///
/// Chinese text is mostly runs of Han characters, which the passes over a
/// text (the sentence splitter, the cleaner, the segmenter) skip to reach
/// the few scalars they look for. Tested one at a time, a scalar took a
/// load, a subtraction, a comparison and the loop's test; here four are
/// tested at once, in vector registers, and only the run's last few one at
/// a time.
///
/// `values` points to 32-bit values (`UInt32`, or `Unicode.Scalar`, whose
/// layout is its value), read as raw memory whatever they are bound to.
///
/// - Precondition: `values` holds at least `end` values, and `start <= end`
///   (the callers own the storage and check this).
@inlinable @inline(__always)
package func endOfRun(
    in values: UnsafeRawPointer, from start: Int, to end: Int, lower: UInt32, width: UInt32
) -> Int {
    var index = start
    let lowers = SIMD4<UInt32>(repeating: lower), widths = SIMD4<UInt32>(repeating: width)
    // Wrapping arithmetic, as for one value: a value below `lower` wraps
    // to a large difference, outside the range.
    while index &+ 4 <= end {
        let four = values.loadUnaligned(fromByteOffset: index &* 4, as: SIMD4<UInt32>.self)
        if any((four &- lowers) .>= widths) { break }
        index &+= 4
    }
    while index < end, values.load(fromByteOffset: index &* 4, as: UInt32.self) &- lower < width { index &+= 1 }
    return index
}
