/// Hanyu Pinyin without tone marks for common Chinese characters (simplified and the usual traditional forms):
/// the most frequent surnames, given-name characters, city and province names, and the words of bank and
/// merchant names. Characters outside the table become `?` (``Transliterator``). `ü` is written `yu` after
/// `l` and `n` (`lyu`, `nyu`), as Chinese passports (ICAO 9303 machine-readable zone) write it. 行 is
/// read `hang` (银行, bank), its reading in the bank and shop names this table is for.
enum PinyinTable {
    // Kept as one string per line ("字 pinyin" pairs) so the table reads, and is checked, like a dictionary.
    private static let source = """
        王 wang 李 li 张 zhang 張 zhang 刘 liu 劉 liu 陈 chen 陳 chen 杨 yang 楊 yang 黄 huang 黃 huang 赵 zhao
        趙 zhao 吴 wu 吳 wu 周 zhou 徐 xu 孙 sun 孫 sun 马 ma 馬 ma 朱 zhu 胡 hu 郭 guo 何 he 高 gao 林 lin 罗 luo
        羅 luo 郑 zheng 鄭 zheng 梁 liang 谢 xie 謝 xie 宋 song 唐 tang 许 xu 許 xu 韩 han 韓 han 冯 feng 馮 feng
        邓 deng 鄧 deng 曹 cao 彭 peng 曾 zeng 肖 xiao 田 tian 董 dong 袁 yuan 潘 pan 于 yu 蒋 jiang 蔣 jiang
        蔡 cai 余 yu 杜 du 叶 ye 葉 ye 程 cheng 苏 su 蘇 su 魏 wei 吕 lyu 呂 lyu 丁 ding 任 ren 沈 shen 姚 yao
        卢 lu 盧 lu 姜 jiang 崔 cui 钟 zhong 鍾 zhong 谭 tan 譚 tan 陆 lu 陸 lu 汪 wang 范 fan 金 jin 石 shi
        廖 liao 贾 jia 賈 jia 夏 xia 韦 wei 韋 wei 付 fu 方 fang 白 bai 邹 zou 鄒 zou 孟 meng 熊 xiong 秦 qin
        邱 qiu 江 jiang 尹 yin 薛 xue 闫 yan 段 duan 雷 lei 侯 hou 龙 long 龍 long 史 shi 陶 tao 黎 li 贺 he
        賀 he 顾 gu 顧 gu 毛 mao 郝 hao 龚 gong 龔 gong 邵 shao 万 wan 萬 wan 钱 qian 錢 qian 严 yan 嚴 yan
        武 wu 戴 dai 莫 mo 孔 kong 向 xiang 汤 tang 湯 tang 欧 ou 歐 ou
        伟 wei 偉 wei 芳 fang 娜 na 秀 xiu 英 ying 敏 min 静 jing 靜 jing 丽 li 麗 li 强 qiang 強 qiang 磊 lei
        军 jun 軍 jun 洋 yang 勇 yong 艳 yan 豔 yan 杰 jie 傑 jie 娟 juan 涛 tao 濤 tao 明 ming 超 chao 霞 xia
        平 ping 刚 gang 剛 gang 桂 gui 华 hua 華 hua 玲 ling 建 jian 国 guo 國 guo 文 wen 辉 hui 輝 hui 力 li
        小 xiao 红 hong 紅 hong 梅 mei 兰 lan 蘭 lan 云 yun 雲 yun 飞 fei 飛 fei 鹏 peng 鵬 peng 宇 yu 浩 hao
        然 ran 子 zi 轩 xuan 軒 xuan 欣 xin 怡 yi 佳 jia 琪 qi 晨 chen 雨 yu 婷 ting 雪 xue 志 zhi 海 hai 春 chun
        东 dong 東 dong 新 xin 生 sheng 德 de 福 fu 安 an 永 yong 成 cheng 荣 rong 榮 rong 凤 feng 鳳 feng
        燕 yan 慧 hui 俊 jun 博 bo 晓 xiao 曉 xiao 丹 dan 美 mei 玉 yu 珍 zhen 宁 ning 寧 ning 光 guang 天 tian
        一 yi 二 er 三 san 四 si 五 wu 六 liu 七 qi 八 ba 九 jiu 十 shi 百 bai 千 qian
        北 bei 京 jing 上 shang 广 guang 廣 guang 州 zhou 深 shen 圳 zhen 津 jin 重 chong 庆 qing 慶 qing
        都 du 汉 han 漢 han 西 xi 南 nan 杭 hang 哈 ha 尔 er 爾 er 滨 bin 濱 bin 阳 yang 陽 yang 大 da 连 lian
        連 lian 青 qing 岛 dao 島 dao 长 chang 長 chang 香 xiang 港 gang 澳 ao 门 men 門 men 中 zhong 台 tai
        臺 tai 湾 wan 灣 wan 河 he 山 shan 湖 hu 贵 gui 貴 gui 川 chuan 陕 shan 甘 gan 肃 su 疆 jiang 藏 zang
        蒙 meng 古 gu 黑 hei 吉 ji 辽 liao 浙 zhe 义 yi 乌 wu 烏 wu 浦 pu 厦 xia 廈 xia 昆 kun 珠 zhu 满 man
        洲 zhou 里 li 绥 sui 芬 fen 银 yin 銀 yin 行 hang 工 gong 商 shang 农 nong 農 nong 业 ye
        業 ye 设 she 設 she 交 jiao 通 tong 招 zhao 有 you 限 xian 公 gong 司 si 店 dian 餐 can 厅 ting 廳 ting
        饭 fan 飯 fan 酒 jiu 市 shi 场 chang 場 chang 集 ji 团 tuan 團 tuan 科 ke 技 ji 贸 mao 貿 mao 易 yi
        人 ren 民 min 路 lu 街 jie 区 qu 區 qu 省 sheng 学 xue 學 xue 医 yi 醫 yi 院 yuan 咖 ka 啡 fei 茶 cha
        书 shu 書 shu 馆 guan 館 guan 号 hao 號 hao 楼 lou 樓 lou 室 shi 村 cun 镇 zhen 鎮 zhen 县 xian 縣 xian
        园 yuan 園 yuan 宾 bin 賓 bin 旅 lyu 游 you 购 gou 購 gou 物 wu 心 xin 货 huo 貨 huo 品 pin 电 dian
        電 dian 款 kuan 支 zhi 宝 bao 寶 bao 微 wei 信 xin 联 lian 聯 lian 合 he 邮 you 郵 you 储 chu 儲 chu
        蓄 xu 发 fa 發 fa 展 zhan 兴 xing 興 xing 城 cheng 站 zhan 机 ji 機 ji 票 piao 礼 li 禮 li 故 gu 宫 gong
        宮 gong 面 mian 麵 mian 包 bao 鸭 ya 鴨 ya 烤 kao 火 huo 锅 guo 鍋 guo 丝 si 絲 si 绸 chou 綢 chou
        药 yao 藥 yao 房 fang 衣 yi 服 fu 鞋 xie 表 biao 首 shou 饰 shi 飾 shi 家 jia 具 ju 车 che
        車 che 租 zu 赁 lin 務 wu 务 wu 社 she 口 kou 岸 an 关 guan 關 guan 免 mian
        税 shui 稅 shui 俄 e 斯 si 莫 mo 科 ke 布 bu 拉 la 戈 ge 维 wei 維 wei 申 shen 克 ke
        """

    /// Character → syllable.
    static let syllables: [Character: String] = {
        var table: [Character: String] = [:]
        let tokens = source.split(whereSeparator: { $0 == " " || $0 == "\n" })
        var index = 0
        while index + 1 < tokens.count {
            let key = tokens[index]
            let value = String(tokens[index + 1])
            precondition(key.count == 1, "PinyinTable: one character per key")
            if let character = key.first { table[character] = table[character] ?? value }
            index += 2
        }
        return table
    }()

    /// The surnames among the table's characters (the hundred most frequent, simplified and traditional forms).
    static let surnames: Set<Character> = Set("""
        王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖田董袁潘于蒋蔣\
        蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫段雷侯龙龍史陶黎\
        贺賀顾顧毛郝龚龔邵万萬钱錢严嚴武戴莫孔向汤湯欧歐
        """.filter { !$0.isWhitespace })
}
