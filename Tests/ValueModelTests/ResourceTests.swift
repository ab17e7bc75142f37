import Foundation
import Testing

struct ResourceTests {
    @Test func cdnowFilesAreBundled() throws {
        let url = try #require(Bundle.module.url(forResource: "Resources/cdnow/CDNOW_sample", withExtension: "txt"))
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.split(whereSeparator: \.isNewline).count == 6919)
    }
}
