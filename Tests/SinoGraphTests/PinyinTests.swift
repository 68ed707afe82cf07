import Foundation
import Testing
import SinoEvaluation
@testable import SinoGraph

/// Pinyin for Chinese names comes from the bundled table; it must say what
/// ICU's Han-Latin transform says, which is what it was made from.
@Suite struct PinyinTests {
    @Test func namesGetSurnameThenGivenName() {
        #expect(GraphBuilder.pinyin("王小洪") == "Wang Xiaohong")
        #expect(GraphBuilder.pinyin("张三") == "Zhang San")
        #expect(GraphBuilder.pinyin("欧阳建国") == "Ouyang Jianguo")
        #expect(GraphBuilder.pinyin("王小洪A") == nil)
        #expect(GraphBuilder.pinyin("迪亚斯·卡内尔") == nil)
    }

    @Test func tableReadsNamesAsICUDoes() throws {
        let characters = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤安爱欧恩二阿俄额昂奥小洪建国华明".unicodeScalars)
        var random = SplitMix64(seed: 5)
        for _ in 0..<300 {
            let length = 2 + Int(random.next() % 2)
            let name = String(String.UnicodeScalarView((0..<length).map { _ in characters[Int(random.next() % UInt64(characters.count))] }))
            let syllables = try #require(Pinyin.syllables(name))
            let icu = name.applyingTransform(.mandarinToLatin, reverse: false)?.applyingTransform(.stripDiacritics, reverse: false)
            #expect(syllables.joined(separator: " ") == icu, "\(name)")
        }
    }

    /// The name writer (table letters straight into the string) against the
    /// rule said plainly over the syllables, for names of one to six
    /// characters, and nil for any character the table lacks.
    @Test func latinNamesMatchTheRuleOverSyllables() throws {
        let characters = Array("王李张刘陈杨欧阳司马建国华明小洪毅光".unicodeScalars)
        func capitalized(_ part: String) -> String { part.prefix(1).uppercased() + part.dropFirst() }
        var random = SplitMix64(seed: 8)
        for _ in 0 ..< 300 {
            let length = 1 + Int(random.next() % 6)
            let name = String(String.UnicodeScalarView((0 ..< length).map { _ in characters[Int(random.next() % UInt64(characters.count))] }))
            let syllables = try #require(Pinyin.syllables(name))
            let surname = length >= 4 ? 2 : 1
            let expected = length == 1 ? capitalized(syllables[0])
                : capitalized(syllables[..<surname].joined()) + " " + capitalized(syllables[surname...].joined())
            #expect(Pinyin.latinName(name) == expected, "\(name)")
        }
        #expect(Pinyin.latinName("王a") == nil)
        #expect(Pinyin.latinName("王\u{3400}") == nil)  // an ideograph outside the table's block
        #expect(Pinyin.latinName("") == "")
    }
}
