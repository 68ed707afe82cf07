/// The lexicon tags the rules test, as bits of one word.
struct TagSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt32

    static let country = TagSet(rawValue: 1 << 0)
    static let abbreviation = TagSet(rawValue: 1 << 1)
    static let side = TagSet(rawValue: 1 << 2)
    static let region = TagSet(rawValue: 1 << 3)
    static let place = TagSet(rawValue: 1 << 4)
    static let agency = TagSet(rawValue: 1 << 5)
    static let title = TagSet(rawValue: 1 << 6)
    static let qualifier = TagSet(rawValue: 1 << 7)
    static let area = TagSet(rawValue: 1 << 8)
    static let official = TagSet(rawValue: 1 << 9)
    static let function = TagSet(rawValue: 1 << 10)
    static let trigger = TagSet(rawValue: 1 << 11)
    static let head = TagSet(rawValue: 1 << 12)
    static let general = TagSet(rawValue: 1 << 13)
    static let conference = TagSet(rawValue: 1 << 14)
    static let negation = TagSet(rawValue: 1 << 15)
    static let future = TagSet(rawValue: 1 << 16)
    static let relative = TagSet(rawValue: 1 << 17)

    /// Tags that end a name: no name runs into these words.
    static let stops: TagSet = [
        .function, .trigger, .title, .agency, .country, .place, .area, .head, .general, .region, .side, .qualifier,
        .negation, .future, .conference, .relative,
    ]

    private static let byName: [String: TagSet] = [
        Vocabulary.Tag.country: .country, Vocabulary.Tag.abbreviation: .abbreviation, Vocabulary.Tag.side: .side,
        Vocabulary.Tag.region: .region, Vocabulary.Tag.place: .place, Vocabulary.Tag.agency: .agency,
        Vocabulary.Tag.title: .title, Vocabulary.Tag.qualifier: .qualifier, Vocabulary.Tag.area: .area,
        Vocabulary.Tag.official: .official, Vocabulary.Tag.function: .function, Vocabulary.Tag.trigger: .trigger,
        Vocabulary.Tag.head: .head, Vocabulary.Tag.general: .general, Vocabulary.Tag.conference: .conference,
        Vocabulary.Tag.negation: .negation, Vocabulary.Tag.future: .future, Vocabulary.Tag.relative: .relative,
    ]

    /// The lexicon tag of a single bit.
    var name: String {
        switch self {
        case .country: Vocabulary.Tag.country
        case .abbreviation: Vocabulary.Tag.abbreviation
        case .side: Vocabulary.Tag.side
        case .region: Vocabulary.Tag.region
        case .place: Vocabulary.Tag.place
        case .agency: Vocabulary.Tag.agency
        case .title: Vocabulary.Tag.title
        case .qualifier: Vocabulary.Tag.qualifier
        case .area: Vocabulary.Tag.area
        case .official: Vocabulary.Tag.official
        case .function: Vocabulary.Tag.function
        case .trigger: Vocabulary.Tag.trigger
        case .head: Vocabulary.Tag.head
        case .general: Vocabulary.Tag.general
        case .conference: Vocabulary.Tag.conference
        case .negation: Vocabulary.Tag.negation
        case .future: Vocabulary.Tag.future
        case .relative: Vocabulary.Tag.relative
        default: ""
        }
    }

    /// The bit of a lexicon tag; none for tags the rules do not read.
    static func named(_ tag: String) -> TagSet { byName[tag] ?? [] }
}

/// Words the rules key on, compiled into the domain lexicon beside the
/// resource files. They are code, not data: each list is read by a rule.
enum Vocabulary {
    /// Where officials' names are Chinese: read as Chinese names, and given pinyin.
    static let chineseNameCountries = ["CN", "HK", "MO", "TW", "SG"]

    /// Lexicon tags, so rules can ask what a token is.
    enum Tag {
        static let country = "country"
        static let abbreviation = "abbr"
        static let side = "side"
        static let region = "region"
        static let place = "place"
        static let agency = "agency"
        static let title = "title"
        static let qualifier = "qualifier"
        static let area = "area"
        static let official = "official"
        static let function = "function"
        static let trigger = "trigger"
        static let head = "head"
        static let general = "general"
        static let conference = "conference"
        static let negation = "negation"
        static let future = "future"
        static let relative = "relative"
    }

    /// Triggers by event, payload = the trigger's meaning.
    static let triggers: [(word: String, meaning: String)] = [
        ("会见", "meet"), ("会晤", "meet"), ("接见", "meet"), ("集体会见", "meet-collective"),
        ("视频会见", "meet-video"), ("会谈", "talk"), ("举行会谈", "talk"), ("视频会谈", "talk-video"),
        ("举行视频会谈", "talk-video"), ("会面", "talk"), ("见面", "talk"), ("举行会晤", "talk"),
        ("工作会谈", "talk"), ("举行工作会谈", "talk"), ("正式会谈", "talk"), ("小范围会谈", "talk"),
        ("大范围会谈", "talk"), ("通话", "call"), ("通电话", "call"),
        ("访问", "visit"), ("出访", "visit"), ("前往", "visit"), ("抵达", "visit"), ("到访", "visit"),
        ("访华", "visit-china"), ("国事访问", "visit"), ("正式访问", "visit"), ("工作访问", "visit"),
        ("进行国事访问", "visit"), ("赴", "visit"), ("赴华", "visit-china"), ("来华", "visit-china"),
        ("签署", "sign"), ("签订", "sign"), ("签字", "sign"), ("签约", "sign"), ("见证", "witness"),
        ("共同见证", "witness"), ("发表", "issue"), ("出席", "attend"), ("参加", "attend"),
        ("表示", "say"), ("说", "say"), ("指出", "say"), ("强调", "say"), ("谈到", "say"), ("提到", "say"),
        ("认为", "say"), ("介绍", "say"), ("希望", "say"), ("愿同", "pledge"), ("愿与", "pledge"),
        ("愿", "pledge"), ("受到", "passive"), ("举行", "hold"), ("召开", "hold"), ("主持", "hold"),
    ]

    /// Words that end a name and never belong to one.
    static let functionWords: [String] = [
        "在", "于", "和", "与", "同", "及", "以及", "并", "等", "时", "的", "了", "是", "也", "还", "就", "将",
        "将于", "已", "已经", "曾", "一行", "率", "率团", "率领", "应邀", "应", "向", "对", "为", "以", "从",
        "到", "分别", "一道", "一起", "进行", "通报", "致辞", "转达", "感谢", "欢迎", "陪同", "祝贺", "则",
        "又", "再", "都", "均", "先后", "随后", "今天", "当天", "当日", "日前", "近日", "此前", "上午", "下午",
        "晚上", "晚间", "当地时间", "北京时间", "期间", "之际", "之后", "之前", "后", "前来", "一同", "共同",
        "双方", "各方", "两国", "他", "她", "他们", "其", "该", "这", "此", "此次", "这次", "本次", "上述",
        "今年", "去年", "明年", "前年", "次日", "同日", "第二天", "当晚", "夫人", "一事", "就此", "方面",
        "领域", "合作", "加强", "深化", "推动", "维护", "打击", "开展", "提升", "落实", "支持", "坚定",
        "中方", "我方", "以来", "目前", "首次", "再次", "正式", "专程", "专门", "亲切", "热情", "高度",
        "集体", "视频", "方式", "通过", "利用", "会上", "会中", "讲话", "发言", "主旨",
        "接受", "采访", "记者", "报道", "消息", "据", "称", "宣布", "透露", "说明", "或", "但", "而",
        "被", "把", "由", "经", "因", "因故", "原定", "未能", "未", "没有", "不", "取消", "推迟", "否认",
        "计划", "拟", "即将", "将要", "预计", "有望", "国家", "政府", "人民", "关系", "友好", "战略",
    ]

    /// Words that make a clause not report a held event.
    static let negations = ["未能", "未", "没有", "取消", "推迟", "否认", "因故", "不会", "并未", "从未", "拒绝", "无法"]
    static let futures = ["将于", "将", "计划", "拟", "即将", "将要", "预计", "有望", "打算", "准备"]

    /// Qualifiers before a title.
    static let qualifiers = ["副", "前", "时任", "原", "现任", "第一", "常务", "代理", "首席", "第一副", "执行"]

    /// Words after two country abbreviations that make a compound (`中俄关系`).
    static let compoundHeads = [
        "关系", "两国", "双方", "合作", "友谊", "友好", "建交", "命运共同体", "全面", "战略", "边境", "元首",
        "两党", "传统", "联合", "执法", "警务", "安全", "务实", "人民", "经贸", "外交", "高层", "双边",
        "政府", "之间", "间", "两军", "友谊", "伙伴", "交往", "互信", "睦邻", "共建", "三国", "四国", "五国",
        "六国", "三方", "多边", "航线", "铁路", "口岸", "界河", "会晤", "峰会", "外长", "总理", "首脑", "联演",
    ]

    /// Regions that look like countries but are not (`中亚`), and words
    /// that swallow a country name by accident (`沿海地区` holds `海地`).
    static let regions = [
        "中亚", "东亚", "南亚", "西亚", "东南亚", "中东", "中南半岛", "南太平洋", "太平洋", "拉美", "拉丁美洲",
        "中美洲", "北美", "北美洲", "南美", "南美洲", "非洲", "亚洲", "欧洲", "大洋洲", "西半球", "东半球",
        "中东欧", "北非", "西非", "东非", "南部非洲", "加勒比", "加勒比海", "亚太", "欧亚", "印太",
        "巴尔干", "高加索", "波罗的海", "地中海", "中国—中亚", "中国-中亚", "中非", "中拉", "中阿", "中欧",
    ]
    static let generalWords = [
        "沿海", "地区", "增加", "纳税", "古代", "古老", "老一辈", "美好", "新时代", "时代", "南方", "北方", "西方",
        "东方", "中国特色", "中心", "中央", "中间", "中华", "法治", "法律", "美元", "英雄",
        "一带一路", "马克思", "新闻", "新型", "新华", "朝着", "越来越", "印发", "加强", "加快",
        "德行", "高级", "各国", "外国", "国外", "中外",
        "对外", "发展中国家", "中国家", "全国", "本国", "他国", "两国", "国际", "国内", "国家", "英文",
        "中文", "法文", "日前", "日内", "日期", "世纪", "为此", "巴士", "乌云", "哈哈", "蒙受",
        "以来", "以后", "以前", "以上", "以下", "以及", "以便", "所以", "可以", "难以", "加以",
        "齐聚", "齐聚一堂", "一堂", "反对", "内政部门", "警察部门", "公安部门", "执法部门", "外交部门", "安全部门", "司法部门", "国防部门", "内务部门",
        "予以", "给以", "足以", "用以", "借以", "据以", "得以", "赖以", "藉以", "无以",
    ]

    /// Names of a country that are not in the resource files because
    /// they are also something else (中共 is the party, and in some media
    /// the state).
    static let countryAliases: [(word: String, code: String)] = [("中共", "CN")]

    /// The last word of a conference name.
    static let conferenceHeads = [
        "会议", "论坛", "峰会", "大会", "年会", "研讨会", "对话会", "理事会", "部长会", "高峰论坛", "博览会",
        "座谈会", "圆桌会", "部长级会议", "全体会议", "工作会议", "例会", "联席会议", "交流会", "开幕式",
    ]

    /// Side forms X方 that are ordinary words, not a country's side.
    static let sideStopwords: Set<String> = [
        "南方", "北方", "西方", "东方", "官方", "双方", "对方", "各方", "一方", "多方", "地方", "前方", "后方",
        "上方", "下方", "远方", "警方", "军方", "资方", "劳方", "甲方", "乙方", "己方", "四方", "八方", "立方",
        "平方", "处方", "配方", "药方", "良方", "秘方", "偏方", "大方", "正方", "反方", "校方", "院方", "厂方",
        "男方", "女方", "片方", "买方", "卖方", "贷方", "借方", "寻方",
    ]

    /// Markers of a date relative to the previous event.
    static let relativeDays: [(word: String, offset: Int)] = [
        ("次日", 1), ("第二天", 1), ("翌日", 1), ("同日", 0), ("当天", 0), ("当日", 0), ("随后", 0), ("当晚", 0),
        ("会后", 0), ("会前", 0), ("会谈后", 0), ("会见后", 0), ("会谈结束后", 0), ("会见结束后", 0),
    ]
}
