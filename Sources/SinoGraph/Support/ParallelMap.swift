import Foundation

/// `transform` of every item on up to `workers` threads (default: the
/// active processors), results in input order.
///
/// Each worker takes the next item when it is done with one, so one long
/// item does not leave the others idle. For the batch paths of the library,
/// the demo and the benchmarks; not public API.
package func parallelMap<T: Sendable, R: Sendable>(
    _ items: [T], workers: Int? = nil, _ transform: @Sendable (T) -> R
) -> [R] {
    let slots = OrderedSlots<R>(count: items.count)
    let workerCount = max(1, min(workers ?? ProcessInfo.processInfo.activeProcessorCount, items.count))
    DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
        while let index = slots.claim() { slots[index] = transform(items[index]) }
    }
    return slots.values
}

/// The results of concurrent workers, each written to its own index, and
/// the next index no worker has taken.
private final class OrderedSlots<R>: @unchecked Sendable {
    private var slots: [R?]
    private var claimed = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.withLock {
            guard claimed < slots.count else { return nil }
            defer { claimed += 1 }
            return claimed
        }
    }

    subscript(index: Int) -> R? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    var values: [R] { lock.withLock { slots.map { $0! } } }
}
