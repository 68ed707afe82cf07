import Foundation

// `sinograph`: extract graphs from Chinese news, tokenize text, and score
// the extractor against gold facts. Exit status: 0 ok, 1 some input failed
// or a threshold was not met, 2 a usage error.

exit(CLI.run(Array(CommandLine.arguments.dropFirst())))
