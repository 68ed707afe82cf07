import Foundation
import Testing
@testable import SinoGraph
