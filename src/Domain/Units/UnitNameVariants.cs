using System.Collections.Frozen;
using System.Text;

namespace PolicyApi.Domain.Units;

/// <summary>
/// One unit written several ways: with traditional characters (区自貿办 for 区自贸办, as PDF extraction and typists
/// produce) or with the full or short form of a department's name (市发展和改革委员会 = 市发展改革委 = 市发改委). Names with
/// the same <see cref="Key"/> mean the same unit of a region. The names themselves are stored as written.
/// </summary>
public static class UnitNameVariants
{
    // Traditional characters that occur in the names of government bodies and their simplified forms.
    private const string TraditionalSimplified =
        "貿贸 發发 務务 區区 縣县 廳厅 辦办 會会 員员 資资 產产 業业 財财 稅税 關关 農农 環环 衛卫 計计 統统 監监 價价 國国 鄉乡 鎮镇 " +
        "開开 經经 濟济 進进 對对 門门 導导 組组 織织 黨党 傳传 電电 網网 訊讯 設设 築筑 規规 劃划 廣广 東东 華华 僑侨 聯联 協协 " +
        "鐵铁 線线 綫线 運运 輸输 倉仓 儲储 險险 銀银 證证 醫医 療疗 藥药 質质 檢检 驗验 標标 準准 應应 災灾 動动 態态 體体 遊游 " +
        "樂乐 氣气 熱热 礦矿 糧粮 貨货 幣币 匯汇 滙汇 總总 蘇苏 專专 書书 記记 長长 職职 責责 權权 機机 構构 將将 為为 與与 興兴 " +
        "韓韩 歐欧 萬万 億亿 園园 島岛 灣湾 濱滨 陸陆 軍军 稱称 號号 學学 師师 範范 歷历 實实 現现 際际 勢势 擔担 單单 畫画 戶户 " +
        "隊队 團团 斷断 層层 屬属 連连 雲云 遼辽 寧宁 禮礼 壇坛 場场 陽阳 陰阴 蘭兰 龍龙 鳳凤 漢汉 滬沪 魯鲁 豐丰 紅红 綠绿 藍蓝 " +
        "黃黄 餘余 圖图 館馆 檔档 續续 級级 紀纪 紡纺 編编 練练 維维 繫系 係系 勞劳 營营 舉举 邊边 遠远 達达 選选 還还 過过 這这 " +
        "遞递 適适 郵邮 鄭郑 鄰邻 釋释 鋼钢 錄录 鏈链 鎖锁 閣阁 閱阅 隨随 雜杂 雙双 離离 難难 靜静 順顺 項项 預预 領领 頻频 題题 " +
        "額额 風风 飛飞 養养 馬马 駐驻 魚鱼 鳥鸟 齊齐 點点 譯译 議议 護护 讀读 變变 讓让 論论 許许 訪访 評评 詢询 試试 詳详 誠诚 " +
        "說说 調调 談谈 請请 諮咨 講讲 謀谋 識识 貝贝 負负 貢贡 販贩 購购 貸贷 費费 賓宾 賣卖 買买 賦赋 贊赞 贏赢 跡迹 踐践 車车 " +
        "軌轨 較较 載载 輔辅 輕轻 輛辆 輪轮 轄辖 轉转 辭辞 邏逻 針针 銷销 鋪铺 錢钱 鍵键 閉闭 問问 間间 陣阵 陳陈 階阶 隸隶 須须 " +
        "頁页 頂顶 頭头 類类 顧顾 顯显 駕驾 騰腾 驅驱 齡龄 優优 償偿 儀仪 們们 偉伟 側侧 傑杰 備备 傷伤 僅仅 債债 兒儿 內内 兩两 " +
        "冊册 劑剂 劉刘 勁劲 勝胜 勵励 勸劝 卻却 廠厂 厲厉 參参 嚴严 圍围 圓圆 壓压 壩坝 塊块 壞坏 壽寿 夢梦 奮奋 婦妇 孫孙 審审 " +
        "寫写 寬宽 尋寻 屆届 崗岗 嶺岭 幫帮 帶带 幹干 庫库 張张 強强 彈弹 徑径 從从 復复 複复 徵征 徹彻 惡恶 愛爱 慣惯 慶庆 憲宪 " +
        "懷怀 戰战 撥拨 據据 擴扩 擬拟 擊击 擇择 擁拥 攜携 敗败 數数 斂敛 於于 時时 晉晋 暢畅 曆历 條条 極极 樓楼 樞枢 樣样 樹树 " +
        "橋桥 檢检 歡欢 歲岁 殘残 溝沟 滅灭 滿满 濕湿 瀏浏 烏乌 無无 煙烟 燈灯 爭争 獎奖 獨独 獲获 畝亩 畢毕 異异 當当 盡尽 盤盘 " +
        "眾众 衆众 確确 礎础 種种 穩稳 積积 競竞 筆笔 節节 簡简 籌筹 簽签 糾纠 約约 純纯 紙纸 細细 終终 結结 絕绝 給给 絡络 綜综 " +
        "緊紧 緣缘 緩缓 縮缩 績绩 繳缴 罰罚 羅罗 義义 習习 聖圣 聞闻 聲声 聽听 肅肃 腦脑 臨临 艙舱 藝艺 莊庄 葉叶 蓋盖 薦荐 處处 " +
        "術术 衝冲 補补 裝装 製制 見见 視视 覺觉 觀观 訂订 認认 討讨 訓训 訴诉 診诊 註注 証证 詞词 話话 該该 誤误 語语 課课 諸诸 " +
        "貫贯 貴贵 賽赛 贈赠 趨趋 躍跃 輝辉 迴回 週周 違违 遲迟 遷迁 遺遗 鄧邓 採采 鐘钟 鑒鉴 閩闽 閒闲 靈灵 響响 頒颁 顏颜 願愿 " +
        "臺台 颱台 饋馈 驚惊 鮮鲜 鴻鸿 鹽盐 麗丽 後后 裡里 裏里 併并 並并 佈布 夥伙 麼么 髮发 鬆松 麵面 隻只 衛卫 廢废 捨舍 擬拟";

    private static readonly FrozenDictionary<char, char> Simplifications = BuildSimplifications();

    // Full forms of department names and the short forms documents write, longest first so the longest form wins.
    private static readonly (string Long, string Short)[] Abbreviations =
    [
        ("人力资源和社会保障", "人社"), ("人力资源社会保障", "人社"), ("自由贸易试验区工作办公室", "自贸办"), ("自由贸易试验区办公室", "自贸办"),
        ("国有资产监督管理委员会", "国资委"), ("发展和改革委员会", "发改委"), ("发展改革委员会", "发改委"), ("发展改革委", "发改委"),
        ("地方金融监督管理局", "金融局"), ("市场监督管理局", "市场监管局"), ("政务服务管理办公室", "政务办"), ("卫生健康委员会", "卫健委"),
        ("卫生和健康委员会", "卫健委"), ("文化广电和旅游局", "文广旅局"), ("工业和信息化局", "工信局"), ("住房和城乡建设局", "住建局"),
        ("住房城乡建设局", "住建局"), ("贸易促进委员会", "贸促会"), ("工商业联合会", "工商联"), ("投资促进委员会", "投促委"), ("投资促进局", "投促局"),
        ("外汇管理局", "外管局"), ("科学技术局", "科技局"), ("交通运输局", "交通局"), ("应急管理局", "应急局"), ("文化和旅游局", "文旅局"),
        ("外事办公室", "外办"), ("人民政府", "政府"), ("人民银行", "人行"),
    ];

    /// <summary>The name with traditional characters replaced by their simplified forms.</summary>
    public static string Simplified(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var simplified = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            simplified.Append(Simplifications.GetValueOrDefault(c, c));
        }

        return simplified.ToString();
    }

    /// <summary>Whether the name is written with traditional characters somewhere.</summary>
    public static bool HasTraditional(string name) => Simplified(name) != name;

    /// <summary>The comparison key of a unit's name: simplified, with known full forms shortened, folded as <see cref="TextKey"/>.</summary>
    public static string Key(string name)
    {
        var key = Simplified(TextKey.For(name));
        foreach (var (full, abbreviation) in Abbreviations)
        {
            key = key.Replace(full, abbreviation, StringComparison.Ordinal);
        }

        return key;
    }

    private static FrozenDictionary<char, char> BuildSimplifications()
    {
        var map = new Dictionary<char, char>();
        foreach (var pair in TraditionalSimplified.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            map.TryAdd(pair[0], pair[1]);
        }

        return map.ToFrozenDictionary();
    }
}
