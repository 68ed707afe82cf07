/// Han characters that Chinese media use to transliterate foreign names (音译用字),
/// following Xinhua usage for Russian, Central Asian, Arabic, Persian, Turkish,
/// Spanish, Portuguese, African, South and Southeast Asian and Western personal names.
///
/// A run of these characters that is not otherwise a lexicon word is a candidate
/// foreign name. Characters that are very common function words, verbs or
/// word-building morphemes in ordinary Chinese text are deliberately left out
/// even when they occur in some transliterations, because they would glue a name
/// onto the surrounding text: 在 和 与 同 的 了 是 会 见 于 向 对 将 为 及 并 等 时
/// 表 示 说 访 问 出 席 他 那 都 日 年 来 中 地 生 上 下 大 方 长 其 让 and others.
/// Single-character country abbreviations that head many compounds (美, 俄) are
/// left out as well; 法 is kept because it is frequent in names. Characters that
/// end a title or verb standing right before a name (理 of 总理 and 助理, 贺 of
/// 祝贺) or begin a verb right after one (呼 of 呼吁, 赞 of 赞扬, 提 of 提出) are
/// also left out.
let transliterationCharacters: Set<Unicode.Scalar> = {
    let characters = """
    理呼
    阿埃艾爱安昂奥巴拜班邦鲍贝本比彼伯勃博布卜柏别芭蓓查采茨猜达
    戴丹德登迪蒂丁东杜敦顿多迭黛厄额恩尔法范菲斐费芬丰佛夫弗福芙
    盖甘冈戈哥格根贡古瓜圭嘎噶伽哈海汉罕汗豪赫亨洪侯胡华霍基吉加
    贾杰捷金津京久季济迦卡喀凯坎康柯科克肯库夸奎昆拉腊莱赖兰朗劳
    勒雷蕾黎里丽利莉连莲廉列烈林琳柳隆卢鲁路露伦仑罗洛吕马玛迈麦
    曼梅门蒙孟米弥敏摩莫墨默姆木穆慕貌妙缅纳娜奈南瑙内尼妮涅宁纽
    努诺欧帕潘佩彭蓬皮珀坡普披齐奇琪契恰乔切钦琴琼丘热茹瑞若撒萨
    塞赛桑瑟森沙莎山珊尚绍舍什圣盛施舒斯丝松宋颂苏索梭穗塔泰坦汤
    唐陶特腾滕廷汀通图托瓦娃万旺威韦维温翁沃乌吴武宛薇西希锡夏肖
    谢辛欣休雪逊晓翰雅亚娅延扬耶叶伊因尤约育优扎泽詹芝朱祖卓兹孜
    佐占朔冯哇珍波史平文英察宰藻曹蔡灿仓嫩聪永庞岑申宾农宗孔怀派
    杭芒茜萝朵觉奔韶易何苗秋毕旦邓梵伏黑简坤策楚宝音昌儒陀妥渥悉
    哲惠婕妲姗苔碧义略毛缪鄂敖凡居柴屠堪茵芮得差汶朝
    """
    var set = Set<Unicode.Scalar>()
    for scalar in characters.unicodeScalars where !scalar.properties.isWhitespace {
        set.insert(scalar)
    }
    return set
}()

/// ``transliterationCharacters`` as bits over the Basic Multilingual Plane
/// (8 KB): the tokenizer tests every character next to a name separator,
/// and a shift and a mask cost far less than hashing a scalar.
let transliterationBits: [UInt64] = {
    var bits = [UInt64](repeating: 0, count: 0x1_0000 / 64)
    for scalar in transliterationCharacters where scalar.value < 0x1_0000 {
        bits[Int(scalar.value >> 6)] |= 1 << UInt64(scalar.value & 63)
    }
    return bits
}()

/// Whether `value` is a transliteration character, given
/// ``transliterationBits`` as `bits`.
@inline(__always)
func isTransliterationCharacter(_ value: UInt32, bits: UnsafeBufferPointer<UInt64>) -> Bool {
    if value < 0x1_0000 { return bits[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 }
    guard let scalar = Unicode.Scalar(value) else { return false }
    return transliterationCharacters.contains(scalar)
}

/// The characters Chinese media use to write foreign names, which the
/// tokenizer's transliteration rule joins across a middle dot.
public enum Transliteration {
    /// Whether `scalar` is one of the characters used to transliterate
    /// foreign personal names (`迪`, `亚`, `斯`, but not `在` or `的`).
    public static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        transliterationCharacters.contains(scalar)
    }
}
