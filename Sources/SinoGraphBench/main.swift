import Foundation

let usage = """
usage: sinograph-bench COMMAND [options]
  segment [pku|msr]...     SIGHAN 2005 precision, recall, F and OOV recall per mode
  throughput [--repeat N]  tokenizer MB/s and tokens/s on the PKU test text repeated N times (20)
  lexicon [--words N]      lexicon build time at N words (350000)
  extract [--mb N] [--threads 1,2] [--output jsonl|none]  extraction MB/s on N MB generated from Fixtures/documents (50), peak memory
  extract --mb N --write-corpus DIR                        write that generated corpus as files instead
  facts PATH... | events PATH... | words TEXT...  inspect the extractor
options: --data DIR        the SIGHAN 2005 folder (default $SIGHAN2005_DIR, else ../shared/benchmarks/sighan2005)
Build with -c release: debug builds are 10 to 50 times slower.
"""

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    print(usage)
    exit(2)
}
arguments.removeFirst()
do {
    switch command {
    case "segment": try SegmentationBench.runAccuracy(arguments)
    case "throughput": try SegmentationBench.runThroughput(arguments)
    case "lexicon": try SegmentationBench.runLexicon(arguments)
    case "facts": try FactsDump.run(arguments)
    case "words": try WordsDump.run(arguments)
    case "events": try EventsDump.run(arguments)
    case "extract": try ExtractionBench.run(arguments)
    case "-h", "--help", "help": print(usage)
    default:
        FileHandle.standardError.write(Data("sinograph-bench: unknown command \(command)\n\(usage)\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("sinograph-bench: \(error)\n".utf8))
    exit(1)
}
