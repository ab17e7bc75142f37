import CustomerModel

/// Syllable, place and business tables the synthetic bank draws from.
///
/// Each entry carries its Chinese characters and its pinyin or English form, so a bank can be generated in either
/// script.
enum NameTables {
    /// A word with its Chinese characters and its Latin form.
    struct Word: Sendable {
        let hanzi: String
        let latin: String
        init(_ hanzi: String, _ latin: String) {
            self.hanzi = hanzi
            self.latin = latin
        }
    }

    /// Common surnames with weights roughly following their frequency.
    static let surnames: [(Word, Double)] = [
        (Word("王", "Wang"), 7.1), (Word("李", "Li"), 7.0), (Word("张", "Zhang"), 6.6), (Word("刘", "Liu"), 5.4),
        (Word("陈", "Chen"), 4.5), (Word("杨", "Yang"), 3.1), (Word("黄", "Huang"), 2.2), (Word("赵", "Zhao"), 2.0),
        (Word("吴", "Wu"), 1.9), (Word("周", "Zhou"), 1.9), (Word("徐", "Xu"), 1.3), (Word("孙", "Sun"), 1.2),
        (Word("马", "Ma"), 1.1), (Word("朱", "Zhu"), 1.1), (Word("胡", "Hu"), 1.0), (Word("郭", "Guo"), 1.0),
        (Word("何", "He"), 0.9), (Word("高", "Gao"), 0.9), (Word("林", "Lin"), 0.9), (Word("罗", "Luo"), 0.8),
        (Word("郑", "Zheng"), 0.8), (Word("梁", "Liang"), 0.7), (Word("谢", "Xie"), 0.6), (Word("宋", "Song"), 0.6),
        (Word("唐", "Tang"), 0.6), (Word("许", "Xu"), 0.5), (Word("韩", "Han"), 0.5), (Word("冯", "Feng"), 0.5),
        (Word("邓", "Deng"), 0.5), (Word("曹", "Cao"), 0.5), (Word("彭", "Peng"), 0.5), (Word("曾", "Zeng"), 0.5),
        (Word("肖", "Xiao"), 0.5), (Word("田", "Tian"), 0.4), (Word("董", "Dong"), 0.4), (Word("袁", "Yuan"), 0.4),
        (Word("潘", "Pan"), 0.4), (Word("于", "Yu"), 0.4), (Word("蒋", "Jiang"), 0.4), (Word("蔡", "Cai"), 0.4),
        (Word("余", "Yu"), 0.4), (Word("杜", "Du"), 0.4), (Word("叶", "Ye"), 0.4), (Word("程", "Cheng"), 0.3),
        (Word("苏", "Su"), 0.3), (Word("魏", "Wei"), 0.3), (Word("吕", "Lv"), 0.3), (Word("丁", "Ding"), 0.3),
        (Word("任", "Ren"), 0.3), (Word("沈", "Shen"), 0.3), (Word("姚", "Yao"), 0.3), (Word("卢", "Lu"), 0.3),
        (Word("姜", "Jiang"), 0.3), (Word("崔", "Cui"), 0.3), (Word("钟", "Zhong"), 0.3), (Word("谭", "Tan"), 0.3),
        (Word("陆", "Lu"), 0.3), (Word("汪", "Wang"), 0.3), (Word("范", "Fan"), 0.3), (Word("金", "Jin"), 0.3),
        (Word("欧阳", "Ouyang"), 0.05), (Word("司马", "Sima"), 0.02), (Word("诸葛", "Zhuge"), 0.01),
    ]

    /// Given-name syllables more often found in men's names.
    static let maleSyllables: [Word] = [
        Word("伟", "wei"), Word("强", "qiang"), Word("磊", "lei"), Word("军", "jun"), Word("洋", "yang"),
        Word("勇", "yong"), Word("杰", "jie"), Word("涛", "tao"), Word("明", "ming"), Word("超", "chao"),
        Word("刚", "gang"), Word("平", "ping"), Word("辉", "hui"), Word("鹏", "peng"), Word("华", "hua"),
        Word("飞", "fei"), Word("斌", "bin"), Word("宇", "yu"), Word("浩", "hao"), Word("凯", "kai"),
        Word("建", "jian"), Word("国", "guo"), Word("志", "zhi"), Word("东", "dong"), Word("峰", "feng"),
        Word("晨", "chen"), Word("俊", "jun"), Word("博", "bo"), Word("哲", "zhe"), Word("毅", "yi"),
        Word("子", "zi"), Word("轩", "xuan"), Word("睿", "rui"), Word("文", "wen"), Word("海", "hai"),
        Word("天", "tian"), Word("成", "cheng"), Word("嘉", "jia"), Word("晓", "xiao"), Word("振", "zhen"),
    ]

    /// Given-name syllables more often found in women's names.
    static let femaleSyllables: [Word] = [
        Word("芳", "fang"), Word("娜", "na"), Word("敏", "min"), Word("静", "jing"), Word("丽", "li"),
        Word("艳", "yan"), Word("娟", "juan"), Word("霞", "xia"), Word("秀", "xiu"), Word("婷", "ting"),
        Word("玲", "ling"), Word("燕", "yan"), Word("雪", "xue"), Word("琳", "lin"), Word("慧", "hui"),
        Word("颖", "ying"), Word("倩", "qian"), Word("佳", "jia"), Word("欣", "xin"), Word("怡", "yi"),
        Word("梦", "meng"), Word("雨", "yu"), Word("萱", "xuan"), Word("思", "si"), Word("晓", "xiao"),
        Word("悦", "yue"), Word("琪", "qi"), Word("蕾", "lei"), Word("薇", "wei"), Word("月", "yue"),
        Word("诗", "shi"), Word("涵", "han"), Word("可", "ke"), Word("文", "wen"), Word("美", "mei"),
    ]

    /// A city with its telephone area code and districts (with their ID-card region codes).
    struct City: Sendable {
        let name: Word
        let areaCode: String
        let districts: [(Word, String)]
        let streets: [Word]
    }

    static let cities: [City] = [
        City(
            name: Word("北京", "Beijing"),
            areaCode: "010",
            districts: [
                (Word("东城", "Dongcheng"), "110101"), (Word("西城", "Xicheng"), "110102"),
                (Word("朝阳", "Chaoyang"), "110105"), (Word("海淀", "Haidian"), "110108"),
                (Word("丰台", "Fengtai"), "110106"), (Word("通州", "Tongzhou"), "110112"),
            ],
            streets: [
                Word("建国路", "Jianguo Rd"), Word("中关村大街", "Zhongguancun St"), Word("金融大街", "Financial St"),
                Word("东三环中路", "East 3rd Ring Rd"), Word("长安街", "Chang'an Ave"),
            ]
        ),
        City(
            name: Word("上海", "Shanghai"),
            areaCode: "021",
            districts: [
                (Word("黄浦", "Huangpu"), "310101"), (Word("徐汇", "Xuhui"), "310104"),
                (Word("静安", "Jing'an"), "310106"), (Word("浦东", "Pudong"), "310115"),
                (Word("闵行", "Minhang"), "310112"), (Word("长宁", "Changning"), "310105"),
            ],
            streets: [
                Word("南京西路", "West Nanjing Rd"), Word("世纪大道", "Century Ave"), Word("淮海中路", "Middle Huaihai Rd"),
                Word("陆家嘴环路", "Lujiazui Ring Rd"), Word("虹桥路", "Hongqiao Rd"),
            ]
        ),
        City(
            name: Word("广州", "Guangzhou"),
            areaCode: "020",
            districts: [
                (Word("越秀", "Yuexiu"), "440104"), (Word("天河", "Tianhe"), "440106"),
                (Word("海珠", "Haizhu"), "440105"), (Word("番禺", "Panyu"), "440113"),
            ],
            streets: [Word("天河路", "Tianhe Rd"), Word("珠江新城花城大道", "Huacheng Ave"), Word("环市东路", "East Huanshi Rd")]
        ),
        City(
            name: Word("深圳", "Shenzhen"),
            areaCode: "0755",
            districts: [
                (Word("福田", "Futian"), "440304"), (Word("南山", "Nanshan"), "440305"),
                (Word("罗湖", "Luohu"), "440303"), (Word("宝安", "Bao'an"), "440306"),
            ],
            streets: [Word("深南大道", "Shennan Blvd"), Word("科技园路", "Science Park Rd"), Word("福华路", "Fuhua Rd")]
        ),
        City(
            name: Word("杭州", "Hangzhou"),
            areaCode: "0571",
            districts: [
                (Word("上城", "Shangcheng"), "330102"), (Word("西湖", "Xihu"), "330106"),
                (Word("滨江", "Binjiang"), "330108"), (Word("余杭", "Yuhang"), "330110"),
            ],
            streets: [Word("延安路", "Yan'an Rd"), Word("文三路", "Wensan Rd"), Word("钱江路", "Qianjiang Rd")]
        ),
        City(
            name: Word("成都", "Chengdu"),
            areaCode: "028",
            districts: [
                (Word("锦江", "Jinjiang"), "510104"), (Word("武侯", "Wuhou"), "510107"),
                (Word("高新", "Gaoxin"), "510109"), (Word("青羊", "Qingyang"), "510105"),
            ],
            streets: [Word("天府大道", "Tianfu Ave"), Word("春熙路", "Chunxi Rd"), Word("人民南路", "South Renmin Rd")]
        ),
        City(
            name: Word("南京", "Nanjing"),
            areaCode: "025",
            districts: [
                (Word("玄武", "Xuanwu"), "320102"), (Word("鼓楼", "Gulou"), "320106"),
                (Word("建邺", "Jianye"), "320105"), (Word("江宁", "Jiangning"), "320115"),
            ],
            streets: [Word("中山路", "Zhongshan Rd"), Word("汉中路", "Hanzhong Rd"), Word("江东中路", "Middle Jiangdong Rd")]
        ),
        City(
            name: Word("武汉", "Wuhan"),
            areaCode: "027",
            districts: [
                (Word("江岸", "Jiang'an"), "420102"), (Word("武昌", "Wuchang"), "420106"),
                (Word("洪山", "Hongshan"), "420111"), (Word("汉阳", "Hanyang"), "420105"),
            ],
            streets: [Word("解放大道", "Jiefang Ave"), Word("中北路", "Zhongbei Rd"), Word("光谷大道", "Optics Valley Ave")]
        ),
        City(
            name: Word("西安", "Xi'an"),
            areaCode: "029",
            districts: [
                (Word("新城", "Xincheng"), "610102"), (Word("碑林", "Beilin"), "610103"),
                (Word("雁塔", "Yanta"), "610113"), (Word("未央", "Weiyang"), "610112"),
            ],
            streets: [Word("长安北路", "North Chang'an Rd"), Word("高新路", "Gaoxin Rd"), Word("南二环西段", "South 2nd Ring Rd")]
        ),
        City(
            name: Word("苏州", "Suzhou"),
            areaCode: "0512",
            districts: [
                (Word("姑苏", "Gusu"), "320508"), (Word("工业园", "Industrial Park"), "320571"),
                (Word("吴中", "Wuzhong"), "320506"), (Word("相城", "Xiangcheng"), "320507"),
            ],
            streets: [Word("苏州大道", "Suzhou Ave"), Word("干将路", "Ganjiang Rd"), Word("星湖街", "Xinghu St")]
        ),
    ]

    /// Two-syllable brand words for company names.
    static let brands: [Word] = [
        Word("恒信", "Hengxin"), Word("华泰", "Huatai"), Word("瑞丰", "Ruifeng"), Word("鼎盛", "Dingsheng"),
        Word("远航", "Yuanhang"), Word("创新", "Chuangxin"), Word("金桥", "Jinqiao"), Word("宏达", "Hongda"),
        Word("天成", "Tiancheng"), Word("安泰", "Antai"), Word("中科", "Zhongke"), Word("新元", "Xinyuan"),
        Word("博远", "Boyuan"), Word("嘉和", "Jiahe"), Word("永盛", "Yongsheng"), Word("汇通", "Huitong"),
        Word("长城", "Changcheng"), Word("东方", "Dongfang"), Word("海纳", "Haina"), Word("明德", "Mingde"),
        Word("润泽", "Runze"), Word("同创", "Tongchuang"), Word("星辰", "Xingchen"), Word("智联", "Zhilian"),
        Word("万象", "Wanxiang"), Word("景和", "Jinghe"), Word("鸿运", "Hongyun"), Word("启明", "Qiming"),
        Word("盛世", "Shengshi"), Word("卓越", "Zhuoyue"), Word("华瑞", "Huarui"), Word("信达", "Xinda"),
    ]

    /// An industry: its name in profiles, the word in company names, and its outlook (for scoring).
    struct Industry: Sendable {
        let name: String
        let companyWord: Word
        let weight: Double
        let revenueFactor: Double
    }

    static let industries: [Industry] = [
        Industry(name: "manufacturing", companyWord: Word("制造", "Manufacturing"), weight: 18, revenueFactor: 1.4),
        Industry(name: "information technology", companyWord: Word("科技", "Technology"), weight: 14, revenueFactor: 1.0),
        Industry(name: "healthcare", companyWord: Word("医疗", "Healthcare"), weight: 8, revenueFactor: 1.0),
        Industry(name: "new energy", companyWord: Word("新能源", "New Energy"), weight: 6, revenueFactor: 1.3),
        Industry(name: "real estate", companyWord: Word("置业", "Property"), weight: 6, revenueFactor: 1.6),
        Industry(name: "retail", companyWord: Word("商贸", "Trading"), weight: 10, revenueFactor: 1.1),
        Industry(name: "logistics", companyWord: Word("物流", "Logistics"), weight: 7, revenueFactor: 0.9),
        Industry(name: "construction", companyWord: Word("建设", "Construction"), weight: 7, revenueFactor: 1.3),
        Industry(name: "education", companyWord: Word("教育", "Education"), weight: 4, revenueFactor: 0.6),
        Industry(name: "agriculture", companyWord: Word("农业", "Agriculture"), weight: 4, revenueFactor: 0.7),
        Industry(name: "financial services", companyWord: Word("投资", "Investment"), weight: 5, revenueFactor: 1.2),
        Industry(name: "hospitality", companyWord: Word("酒店管理", "Hospitality"), weight: 4, revenueFactor: 0.6),
        Industry(name: "biotechnology", companyWord: Word("生物", "Biotech"), weight: 4, revenueFactor: 0.8),
        Industry(name: "media", companyWord: Word("文化传媒", "Media"), weight: 3, revenueFactor: 0.5),
    ]

    /// An occupation with the position it implies, its industry and a weight.
    struct Occupation: Sendable {
        let name: String
        let position: Position
        let industry: String?
        let weight: Double
        /// How strongly the occupation lifts wealth (multiplies AUM).
        let wealthFactor: Double
    }

    static let occupations: [Occupation] = [
        Occupation(name: "entrepreneur", position: .founder, industry: nil, weight: 14, wealthFactor: 2.2),
        Occupation(name: "general manager", position: .executive, industry: nil, weight: 9, wealthFactor: 1.8),
        Occupation(name: "chief financial officer", position: .executive, industry: nil, weight: 3, wealthFactor: 1.6),
        Occupation(name: "department director", position: .seniorManager, industry: nil, weight: 10, wealthFactor: 1.2),
        Occupation(name: "physician", position: .professional, industry: "healthcare", weight: 6, wealthFactor: 1.1),
        Occupation(name: "surgeon", position: .professional, industry: "healthcare", weight: 2, wealthFactor: 1.3),
        Occupation(name: "lawyer", position: .professional, industry: "legal services", weight: 4, wealthFactor: 1.2),
        Occupation(
            name: "software engineer",
            position: .professional,
            industry: "information technology",
            weight: 7,
            wealthFactor: 0.9
        ),
        Occupation(name: "architect", position: .professional, industry: "construction", weight: 2, wealthFactor: 1.0),
        Occupation(
            name: "accountant",
            position: .professional,
            industry: "financial services",
            weight: 3,
            wealthFactor: 0.9
        ),
        Occupation(
            name: "investment banker",
            position: .professional,
            industry: "financial services",
            weight: 2,
            wealthFactor: 1.5
        ),
        Occupation(
            name: "university professor",
            position: .professional,
            industry: "education",
            weight: 3,
            wealthFactor: 0.8
        ),
        Occupation(
            name: "civil servant",
            position: .employee,
            industry: "public administration",
            weight: 5,
            wealthFactor: 0.7
        ),
        Occupation(name: "teacher", position: .employee, industry: "education", weight: 4, wealthFactor: 0.6),
        Occupation(name: "engineer", position: .employee, industry: "manufacturing", weight: 5, wealthFactor: 0.7),
        Occupation(name: "sales manager", position: .employee, industry: "retail", weight: 4, wealthFactor: 0.8),
        Occupation(name: "pilot", position: .professional, industry: "aviation", weight: 1, wealthFactor: 1.1),
        Occupation(name: "artist", position: .other, industry: "media", weight: 1, wealthFactor: 1.0),
        Occupation(name: "homemaker", position: .other, industry: nil, weight: 3, wealthFactor: 0.9),
    ]

    /// Merchants by category, the counterparties of card spending.
    static let merchants: [(MerchantCategory, [Word])] = [
        (
            .airTravel,
            [
                Word("中国国航", "Air China"), Word("东方航空", "China Eastern"), Word("南方航空", "China Southern"),
                Word("海南航空", "Hainan Airlines"), Word("国泰航空", "Cathay Pacific"),
            ]
        ),
        (
            .hotel,
            [
                Word("万豪酒店", "Marriott"), Word("希尔顿酒店", "Hilton"), Word("香格里拉", "Shangri-La"),
                Word("洲际酒店", "InterContinental"), Word("亚朵酒店", "Atour Hotel"),
            ]
        ),
        (
            .luxuryRetail,
            [
                Word("路易威登", "Louis Vuitton"), Word("爱马仕", "Hermes"), Word("卡地亚", "Cartier"),
                Word("周大福", "Chow Tai Fook"), Word("香奈儿", "Chanel"), Word("SKP商场", "SKP Mall"),
            ]
        ),
        (
            .education,
            [
                Word("新东方", "New Oriental"), Word("国际学校", "Intl School"), Word("学而思", "Xueersi"),
                Word("大学学费", "Univ Tuition"),
            ]
        ),
        (
            .healthcare,
            [
                Word("和睦家医院", "United Family"), Word("协和医院", "PUMC Hospital"), Word("爱尔眼科", "Aier Eye"),
                Word("大药房", "Pharmacy"),
            ]
        ),
        (
            .dining,
            [
                Word("海底捞", "Haidilao"), Word("星巴克", "Starbucks"), Word("全聚德", "Quanjude"), Word("鼎泰丰", "Din Tai Fung"),
                Word("喜茶", "Heytea"), Word("西贝", "Xibei"),
            ]
        ),
        (
            .groceries,
            [
                Word("盒马鲜生", "Freshippo"), Word("沃尔玛", "Walmart"), Word("山姆会员店", "Sam's Club"), Word("永辉超市", "Yonghui"),
                Word("Ole精品超市", "Ole Market"),
            ]
        ),
        (
            .travel,
            [Word("携程旅行", "Trip.com"), Word("同程旅行", "Tongcheng"), Word("中国旅行社", "CTS Travel"), Word("飞猪旅行", "Fliggy")]
        ),
        (
            .entertainment,
            [
                Word("万达影城", "Wanda Cinema"), Word("大剧院", "Grand Theatre"), Word("迪士尼", "Disney"),
                Word("高尔夫俱乐部", "Golf Club"),
            ]
        ),
        (
            .automotive,
            [
                Word("中国石化", "Sinopec"), Word("中国石油", "PetroChina"), Word("蔚来", "NIO"), Word("特斯拉", "Tesla"),
                Word("比亚迪", "BYD"),
            ]
        ),
        (
            .other,
            [
                Word("京东", "JD.com"), Word("淘宝", "Taobao"), Word("美团", "Meituan"), Word("拼多多", "Pinduoduo"),
                Word("苹果商店", "Apple Store"), Word("中国移动", "China Mobile"),
            ]
        ),
    ]

    /// Overseas merchants (card spending abroad).
    static let overseasMerchants: [Word] = [
        Word("老佛爷百货", "Lafayette"), Word("免税店", "Duty Free"), Word("哈罗德", "Harrods"),
        Word("东京银座", "Ginza Shop"), Word("新加坡滨海湾", "Marina Bay"), Word("香港置地", "Landmark HK"),
    ]

    /// Other banks: where churning clients move their money.
    static let otherBanks: [Word] = [
        Word("招商银行", "CMB"), Word("工商银行", "ICBC"), Word("建设银行", "CCB"), Word("中信银行", "CITIC Bank"),
        Word("浦发银行", "SPDB"), Word("平安银行", "Ping An Bank"), Word("汇丰银行", "HSBC China"), Word("宁波银行", "Bank of Ningbo"),
    ]

    /// Counterparties of scheduled payments.
    static let taxOffice = Word("国家税务局", "Tax Bureau")
    static let pensionFund = Word("养老金", "Pension Fund")

    /// Bank events clients attend.
    static let events = [
        "New Year private banking salon", "Wealth outlook forum", "Golf invitational",
        "Children's education seminar", "Tax and succession planning workshop", "Art appreciation evening",
        "Health management lecture", "Mid-autumn family day", "Entrepreneurs' roundtable", "Wine tasting evening",
    ]

    /// Complaint categories.
    static let complaintCategories = [
        "fees", "waiting time", "product performance", "mobile app", "staff attitude", "card dispute", "transfer delay",
    ]

    /// Service request topics.
    static let serviceRequests = [
        "card replacement", "statement request", "address change", "limit increase", "certificate of deposit",
        "password reset", "safe deposit box",
    ]

    /// Promises an RM makes during a contact.
    static let promises = [
        "send the fund factsheet", "book a meeting with the tax adviser", "arrange a health check appointment",
        "send the wealth product brochure", "follow up on the card limit increase", "send the insurance proposal",
        "introduce the education consultant", "prepare the portfolio review",
    ]

    /// Short RM contact notes.
    static let contactNotes = [
        "portfolio review; client prefers to keep risk low", "introduced the new wealth product",
        "birthday greeting", "holiday greeting", "discussed the child's overseas study funding",
        "invited to the client salon", "discussed retirement planning", "asked about the large transfer",
        "discussed mortgage prepayment", "client interested in family trust", "checked satisfaction with service",
        "reminded of the risk assessment renewal", "client travelling; asked about premium card benefits",
    ]

    /// Products clients look at in the app.
    static let productInterests = [
        "wealth management", "time deposit", "fund", "insurance", "credit card", "mortgage", "FX", "gold",
    ]

    /// E-mail domains (reserved example domains).
    static let emailDomains = ["example.com", "example.cn", "example.net", "mail.example.com"]

    /// Mobile number prefixes.
    static let mobilePrefixes = [
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157",
        "158", "159", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "199",
    ]
}
