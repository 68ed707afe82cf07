import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock seconds of `body`.
func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// Peak resident memory of this process, in MiB.
func peakMemoryMiB() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    #if canImport(Darwin)
    return Double(usage.ru_maxrss) / 1_048_576  // bytes on Darwin
    #else
    return Double(usage.ru_maxrss) / 1024  // KiB on Linux
    #endif
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
}

/// The SIGHAN 2005 folder: `--data DIR`, else `$SIGHAN2005_DIR`, else
/// `../shared/benchmarks/sighan2005` from the working directory.
func sighanDirectory(_ arguments: inout [String]) -> URL {
    if let path = option("--data", &arguments) { return URL(fileURLWithPath: path) }
    if let path = ProcessInfo.processInfo.environment["SIGHAN2005_DIR"] { return URL(fileURLWithPath: path) }
    return URL(fileURLWithPath: "../shared/benchmarks/sighan2005")
}

/// Removes `name VALUE` from `arguments` and returns VALUE.
func option(_ name: String, _ arguments: inout [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    let value = arguments[index + 1]
    arguments.removeSubrange(index ... index + 1)
    return value
}

func readText(_ url: URL) throws -> String {
    do {
        return try String(contentsOf: url, encoding: .utf8)
    } catch {
        throw BenchError(description: "\(url.path): cannot read (\(error.localizedDescription)); pass --data DIR or set SIGHAN2005_DIR")
    }
}

func lines(_ text: String) -> [Substring] {
    text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
}

func format(_ value: Double, _ digits: Int = 3) -> String {
    String(format: "%.\(digits)f", value)
}
