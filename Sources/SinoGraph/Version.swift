// Placeholder until the extractor lands.
public enum SinoGraphVersion { public static let string = "0.1.0" }
