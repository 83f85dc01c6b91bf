//! Sentence-level removals: sentences carrying corpus statistics (Arabic numbers with units,
//! percentages) or local slogans are cut out when the rest of the unit still reads whole;
//! otherwise the unit is dropped. Also the count of points (我讲三点意见 → {{ points_cn }}).

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{NATIONAL, SLOGAN_SHAPES};
use super::{Census, Notes, place, slot};

/// The smallest unit left after cutting sentences out, in characters.
pub(super) const MIN_REST_CHARS: usize = 40;

/// The contents of “…” quotations in `text` (not nested).
pub(super) fn quoted(text: &str) -> impl Iterator<Item = &str> {
    text.split('“')
        .skip(1)
        .filter_map(|part| part.split_once('”').map(|(q, _)| q.trim()))
}

/// Characters that make a short quotation a counted slogan (三双, 六好) rather than a word used
/// figuratively (“造血”, “雷池”).
const NUMERAL_CHARS: &str = "一二三四五六七八九十百千万两双";

/// Whether a quotation quoted from `places` places (see [`Census::places_quoting`]) is a local
/// slogan: quoted from one place only, not a national term, and not a short word used
/// figuratively.
pub(super) fn is_local_quote(q: &str, places: usize) -> bool {
    if q.is_empty() || q.contains("{{") || places > 1 {
        return false;
    }
    // A national term, or one named within a longer quotation, unless the quotation counts it
    // off where the term does not (“十大技术能手” is one place's list of ten, not 技术能手).
    let counted = |s: &str| s.chars().any(|c| NUMERAL_CHARS.contains(c));
    if NATIONAL
        .iter()
        .any(|n| n.contains(q) || (q.contains(n.as_str()) && counted(q) == counted(n)))
    {
        return false;
    }
    // A long quotation or one of whole sentences is a citation, not a slogan.
    let len = q.chars().count();
    if len >= 25 || q.contains('。') {
        return false;
    }
    let short = len <= 3;
    !short || q.chars().any(|c| NUMERAL_CHARS.contains(c))
}

/// Whether a local slogan is distinctive enough to be recognised without its quotes: a
/// slogan of several parts (打造工业强县、建设宜居家园) or a long one, not a short term that
/// other speeches use as an ordinary phrase (党工共建, 爱心超市).
pub(super) fn recognisable_unquoted(q: &str) -> bool {
    q.contains(['、', '，']) || q.chars().count() >= 8
}

/// The sentences of `text`, each with its closing punctuation and closing quotes.
pub(super) fn split(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '。' | '！' | '？' | '!' | '?') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if matches!(d, '”' | '’' | '）' | '」') {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

static STATISTIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9０-９][0-9０-９.．,，]*\s*(%|％|‰)?[^\s，。；、]{0,3}").expect("static regex"));

/// Openings that lean on a sentence before them.
pub(super) static DANGLING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(这|其|此|同时|此外|另外|但|而|并|因此|所以|为此|从而|同比|比|也|还|其中|对此|以上|上述)")
        .expect("static regex")
});

/// A visit to the speaker's own body (工作组先后来{{ lv.we }}调研): a past event of one place that
/// no brief gives.
static VISIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(来|莅临|到)\{\{ lv\.we \}\}[^。！？；]{0,12}(调研|视察|考察|检查|指导)").expect("static regex")
});

/// An honour the speaker's body or one of its people received (连续几年获得全省…先进单位,
/// 司机…荣获全国道德模范): a fact of one place and year that no brief gives.
static HONOUR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(荣获|获得|被评为|评为|被授予|授予|被命名为|获评)[^。！？；]{0,24}(先进|奖|称号|模范|标兵|红旗|示范)")
        .expect("static regex")
});

/// Praise from above for the speaker's own work (得到了省总领导的充分肯定和重要批示, 在全省会议上
/// 作了典型发言, 上级要求学习借鉴{{ lv.we }}做法): a past event of one place, as a visit is.
static PRAISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"批示|推介|典型发言|学习借鉴\{\{ lv\.we \}\}|高度评价|",
        r"(得到|受到|给予)了?[^。！？；]{0,24}(领导|上级|全总|省总|市总|县委|区委|市委|调研组|检查组)",
        r"[^。！？；]{0,6}(充分肯定|肯定|好评|表扬|赞扬)|",
        r"(上级|全总|省总|市总)[^。！？；]{0,8}(给予|予以)了?[^。！？；]{0,4}(充分)?肯定"
    ))
    .expect("static regex")
});

/// A count of what was done, in Chinese numerals (连续两年召开了联席会议, 先后举办三期培训班):
/// a statistic as much as one in Arabic digits.
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(连续|先后|累计|共计|共|全年|分别)[^。！？；，]{0,6}?[一二两三四五六七八九十百千万几]+(余|多)?(个|次|家|名|人|项|场|期|批|户|所|支|篇|条|件|位|座|处|年)",
    )
    .expect("static regex")
});

/// One body's own arrangements, which no brief gives: a numbered programme (实施五项工程：,
/// 围绕…等四项重点任务), a decision of its committee (根据…决定，乡镇工会主席由…兼任), a paper
/// handed out at its meeting (会上印发了…), a notice it received (按照…通知要求), a deadline it set
/// (力争…上半年…完毕), a schedule (每两周组织一次), the industries of its economy (以卫生、机械、
/// 纺织、化工…等行业为主阵地) and the years it counts back (三年来; not 五年来, the term of a
/// union's committee, which a congress reviews: `data/occasion.toml` keeps it to congresses).
static OWN_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"[两二三四五六七八九十]+(项|大)(重点)?(工程|重点|行动|举措|计划|机制|任务)|",
        r"根据[^。！？；]{0,30}决定[，：]|会上印发|印发了|通知(要求|精神)|",
        r"力争[^。！？；]{0,24}(上半年|下半年|年底|年内|年末|月底|季度)|",
        r"每[两二三四五六]?(周|月|季度)[^。！？；]{0,8}(一次|1次)|",
        r"(、[^、，。；！？]{1,4}){3,}等行业|[两三四六七八九十]+年(来|以来)"
    ))
    .expect("static regex")
});

/// What the source's own meeting had before it (认真领会文件和领导讲话精神, 围绕立法修订: which
/// papers, which law, the draft cannot say) and what its year was for its place ({{ year }}年是
/// {{ lv.we }}煤炭主业提效…的关键一年): the frame says what a year is from the brief.
static OWN_OCCASION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"领会文件|文件和领导讲话|立法修订|\{\{ (year|prev_year) \}\}年是\{\{ lv\.(we|all) \}\}")
        .expect("static regex")
});

/// A rating scheme of one place (三星级以上基层工会): its stars are the place's own.
static RATING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[一二三四五]星级").expect("static regex"));

/// A dated event of the source's own days (前不久…承办的首届职工运动会圆满成功, 近日…).
static EVENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"前不久|不久前|日前|近日|首届").expect("static regex"));

/// A document cited by name, 《…》: national when a law or rule (…法, …条例, …章程, …规定), a
/// contract's type (《集体合同》) or issued by a national body (中共中央…, 全国总工会…);
/// otherwise one body's own paper (《工会工作纪律》, 《关于全面推进…的意见》), which no brief gives.
fn local_document(sentence: &str) -> Option<&str> {
    const ISSUERS: [&str; 8] = [
        "中共中央",
        "中央",
        "国务院",
        "中华全国总工会",
        "全国总工会",
        "全总",
        "中国工会",
        "中华人民共和国",
    ];
    const TYPES: [&str; 5] = ["法", "条例", "章程", "规定", "合同"];
    sentence.split('《').skip(1).find_map(|part| {
        let (title, _) = part.split_once('》')?;
        let national = TYPES.iter().any(|t| title.ends_with(t))
            || ISSUERS.iter().any(|i| title.starts_with(i))
            || title.contains("宪法");
        (!national).then_some(title)
    })
}

/// Words before an honour that make it a goal, not a fact (要争创…, 推荐…评为).
const HONOUR_GOALS: [&str; 8] = ["要", "争", "力争", "推荐", "鼓励", "评选", "争取", "将"];

/// Why a sentence cannot stay: the statistic, the local slogan, the visit or the honour it
/// reports.
fn offence(sentence: &str, census: &Census) -> Option<String> {
    if let Some(m) = STATISTIC.find(sentence) {
        return Some(format!("statistic {}", m.as_str().trim_end_matches(['，', '。'])));
    }
    if let Some(m) = VISIT.find(sentence) {
        return Some(format!("a visit {}", m.as_str()));
    }
    if let Some(m) = HONOUR.find(sentence)
        && !HONOUR_GOALS.iter().any(|g| sentence[..m.start()].contains(g))
    {
        return Some(format!("an honour received {}", m.as_str()));
    }
    let facts: [(&Regex, &str); 6] = [
        (&PRAISE, "praise received"),
        (&COUNT, "a count"),
        (&RATING, "a local rating"),
        (&EVENT, "a dated event"),
        (&OWN_OCCASION, "the source's own occasion"),
        (&OWN_PLAN, "one body's own arrangement"),
    ];
    for (re, what) in facts {
        if let Some(m) = re.find(sentence) {
            return Some(format!("{what} {}", m.as_str()));
        }
    }
    if let Some(title) = local_document(sentence) {
        return Some(format!("a local document 《{title}》"));
    }
    for q in quoted(sentence) {
        if is_local_quote(q, census.places_quoting(q)) {
            return Some(format!("local slogan “{q}”"));
        }
        if let Some(&(s, e)) = place::places_in(q).first() {
            return Some(format!("slogan naming a place “{q}” ({})", &q[s..e]));
        }
    }
    if let Some(m) = SLOGAN_SHAPES.find(sentence) {
        return Some(format!("local slogan {}", m.as_str()));
    }
    if let Some(ac) = &census.local_automaton
        && let Some(m) = ac.find(sentence)
    {
        return Some(format!("local slogan {}", &sentence[m.start()..m.end()]));
    }
    None
}

/// Cuts out sentences with statistics or local slogans, or drops the unit when what is left
/// would not read whole (the first sentence is the unit's lead and is never cut).
pub(super) fn remove_local(text: &str, census: &Census, notes: &mut Notes) -> Result<String, String> {
    let sentences = split(text);
    let offences: Vec<Option<String>> = sentences.iter().map(|s| offence(s, census)).collect();
    let Some(first_cut) = offences.iter().position(Option::is_some) else {
        return Ok(text.to_string());
    };
    let removed: Vec<&String> = offences.iter().flatten().collect();
    let why = removed.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("; ");
    if first_cut == 0 {
        return Err(format!("{why} in the lead sentence"));
    }
    let kept: String = sentences
        .iter()
        .zip(&offences)
        .filter(|(_, o)| o.is_none())
        .map(|(s, _)| *s)
        .collect();
    if crate::bank::display_text(&kept).chars().count() < MIN_REST_CHARS {
        return Err(format!("{why} (too little left without it)"));
    }
    // A sentence after a cut must not lean on the one cut out.
    for (i, sentence) in sentences.iter().enumerate().skip(1) {
        if offences[i].is_none() && offences[i - 1].is_some() && DANGLING.is_match(sentence) {
            return Err(format!("{why} (the next sentence leans on it)"));
        }
    }
    for why in removed {
        notes.add(format!("removed sentence with {why}"));
    }
    Ok(kept)
}

static POINTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(讲|谈|提|强调|说)([两三四五六七八九])(点|个方面)").expect("static regex"));

/// 我讲三点意见 → 我讲{{ points_cn }}点意见.
pub(super) fn points(text: &str, notes: &mut Notes) -> String {
    POINTS
        .replace_all(text, |caps: &regex::Captures| {
            notes.add(format!("{} → {}", &caps[2], slot("points_cn")));
            format!("{}{}{}", &caps[1], slot("points_cn"), &caps[3])
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_with_closing_quotes() {
        assert_eq!(
            split("他说：“要干。”我们干了！还有"),
            ["他说：“要干。”", "我们干了！", "还有"]
        );
    }

    /// What [`remove_local`] keeps of `text` (empty if it drops the unit), and its notes.
    fn cut(text: &str) -> (String, Vec<String>) {
        let mut notes = Notes::default();
        let out = remove_local(text, &Census::default(), &mut notes).unwrap_or_default();
        (out, notes.into_vec())
    }

    #[test]
    fn statistics_sentences_are_cut_when_the_rest_stands() {
        let text = "工会组织是平安创建的参与者。把工会这支队伍组织好、建设好，是实现工会阶级性的需要，也是巩固党的执政基础、维护社会稳定的需要。我县现有369个基层工会组织，入会职工达38000多人。各级工会组织坚持把保障职工权益与维护社会稳定大局结合起来，认真做好职工的信访工作。";
        let (out, notes) = cut(text);
        assert!(!out.contains("369"), "{out}");
        assert!(out.starts_with("工会组织是平安创建的参与者。"));
        assert!(notes[0].contains("369个"));
        // Nothing much left: dropped.
        let text = "劳动竞赛富有成效。全年共对安全好、产量高的10个单位计1300名职工进行了表彰奖励。";
        assert!(remove_local(text, &Census::default(), &mut Notes::default()).is_err());
        // A statistic in the lead: dropped.
        assert!(remove_local("增长14.4%，成绩显著。", &Census::default(), &mut Notes::default()).is_err());
    }

    #[test]
    fn a_visit_to_the_speakers_body_is_cut() {
        let text = "服务职工在基层活动深入推进。各级工会干部深入一线、走访职工，帮助解决了一批实际问题。上级工会工作组先后来{{ lv.we }}调研，对活动给予充分肯定。各级工会要把活动引向深入，推动服务职工常态化。";
        let (out, notes) = cut(text);
        assert!(!out.contains("调研"), "{out}");
        assert!(notes[0].contains("a visit"));
        // Advice to go to the grass roots is no visit.
        let advice = "工会干部要经常到基层调研，了解职工的所思所盼。各级工会要建立联系点制度，定期听取职工意见。";
        assert_eq!(
            remove_local(advice, &Census::default(), &mut Notes::default()).as_deref(),
            Ok(advice)
        );
    }

    /// Asserts that each of `facts`, set between two plain sentences, is cut with a note holding
    /// `why`, and that each of `kept` stays.
    fn cuts_facts_only(facts: &[&str], kept: &[&str], why: &str) {
        let lead = "各级工会坚持服务大局，团结动员广大职工建功立业，工会工作开展得有声有色。";
        let tail = "各级工会干部深入基层、联系职工，在服务职工中发挥了重要作用。";
        for fact in facts {
            let (out, notes) = cut(&format!("{lead}{fact}{tail}"));
            assert_eq!(out, format!("{lead}{tail}"), "{fact}");
            assert!(notes.iter().any(|n| n.contains(why)), "{notes:?}");
        }
        for plain in kept {
            let text = format!("{lead}{plain}{tail}");
            assert_eq!(cut(&text).0, text, "{plain}");
        }
    }

    #[test]
    fn honours_and_praise_received_are_cut() {
        cuts_facts_only(
            &[
                "连续几年获得全省工会创先争优先进单位，三次获得全省工会工作创新奖。",
                "由{{ lv.union }}推出的出租车司机荣获全国道德模范。",
                "矿工会被集团公司工会授予“先进职工之家”荣誉称号。",
                "活动得到了省总领导的充分肯定和重要批示。",
                "{{ lv.we }}工会工作受到了上级工会的充分肯定。",
                "{{ lv.we }}在全省工资集体协商工作会议上作了典型发言。",
                "对于你们的工作，上级工会已经给予肯定。",
            ],
            // A goal to strive for is no fact.
            &[
                "要积极争创全国模范职工之家，推荐优秀基层工会评为先进单位。",
                "对在劳动竞赛中涌现的先进集体和个人要给予表彰奖励。",
            ],
            "received",
        );
    }

    #[test]
    fn counts_dated_events_and_local_documents_are_cut() {
        cuts_facts_only(
            &[
                "{{ lv.gov }}{{ lv.union }}连续两年召开了工作联席会议。",
                "先后举办三期工会干部培训班。",
                "三星级以上基层工会组织，向上级工会推荐评选模范职工之家。",
                "前不久，由{{ lv.union }}承办的{{ lv.all }}首届企业职工运动会圆满成功。",
                "先后起草下发《工会工作纪律》等制度文件。",
                "认真落实{{ lv.gov }}《关于全面推进职工工资集体协商工作的意见》精神。",
            ],
            &[
                "要认真贯彻《工会法》《劳动合同法》，推动签订《集体合同》。",
                "深入学习《中共中央关于全面推进依法治国若干重大问题的决定》。",
                "要一个一个解决职工反映的问题，做到件件有着落。",
            ],
            "removed sentence",
        );
    }

    #[test]
    fn one_bodys_own_arrangements_are_cut() {
        cuts_facts_only(
            &[
                "紧密围绕深化改革、结构调整、创新驱动、管理提升等四项重点任务，找准结合点。",
                "根据上级要求和{{ lv.party }}决定，乡镇工会主席由同级党政副职兼任。",
                "会上印发了{{ lv.party }}关于充分发挥工会组织作用的意见（征求意见稿）。",
                "按照{{ lv.upper_union }}通知要求，积极做好帮扶中心筹建工作。",
                "切实加强协商指导员队伍建设，力争队伍上半年基本组建完毕。",
                "建立机关干部定期学习机制，每两周组织一次机关干部学习培训。",
                "以卫生、机械、纺织、化工、建筑、服务、教育等行业为主阵地。",
                "职工工资收入三年来也有了较大的增长。",
                "各级工会要认真领会文件和领导讲话精神，真正把维权工作落到实处。",
                "{{ year }}年是{{ lv.we }}煤炭主业提效、非煤产业提速的关键一年。",
            ],
            &[
                "要坚持创新、协调、绿色、开放、共享的五大发展理念。",
                "要力争在建会工作上取得新的突破。",
                "近年来，各级工会积极推行厂务公开。",
                "要认真贯彻上级工会的决定，抓好各项工作落实。",
            ],
            "own ",
        );
    }

    #[test]
    fn a_campaign_of_one_province_is_local_though_two_speeches_quote_it() {
        let census = Census::build(&[
            vec![
                "长沙县各级工会要抓好“双联”工作，开展“安康杯”竞赛。",
                "为建设幸福长沙县而努力。",
            ],
            vec![
                "浏阳市工会要深化“双联”活动，开展“安康杯”竞赛。",
                "浏阳各级工会要扎实工作。",
            ],
            vec!["哈尔滨市各级工会深入开展“安康杯”竞赛。", "为建设哈尔滨作出贡献。"],
        ]);
        assert_eq!(census.places_quoting("双联"), 1, "two speeches of Hunan");
        assert_eq!(census.places_quoting("安康杯"), 3, "speeches of two provinces");
        assert!(is_local_quote("双联", census.places_quoting("双联")));
    }

    #[test]
    fn local_and_national_quotes() {
        let census = Census::build(&[
            vec!["紧紧围绕“打造工业强县、建设宜居家园”战略，开展“安康杯”竞赛和“双联”活动。"],
            vec!["深入开展“安康杯”竞赛。", "开展“四季送”活动。"],
        ]);
        assert_eq!(census.places_quoting("安康杯"), 2);
        assert!(is_local_quote("双联", census.places_quoting("双联")));
        assert!(!is_local_quote("四季送", census.places_quoting("四季送")), "national");
        assert!(!is_local_quote("造血", 1), "a word used figuratively");
        assert!(
            is_local_quote("十大技术能手", 1),
            "one place's count of a national term"
        );
        assert!(!is_local_quote("工人先锋号", 1), "national");
        let text = "各级工会要围绕中心、服务大局，团结动员广大职工建功立业，在推动经济社会发展中发挥主力军作用。深入开展“双联”活动。各级工会要积极开展“安康杯”竞赛，筑牢安全生产的群众防线。";
        let mut notes = Notes::default();
        let out = remove_local(text, &census, &mut notes).unwrap_or_default();
        assert!(!out.contains("双联") && out.contains("安康杯"), "{out}");
        // The local slogan met unquoted is local too.
        assert!(offence("要打造工业强县、建设宜居家园。", &census).is_some());
        // So is a word that stands for one particular city: its sentence goes, the rest stays.
        let kept = "各级工会要团结动员广大职工立足本职岗位、争创一流业绩，在推动改革发展中充分发挥主力军作用。";
        let text = format!("{kept}推动首府科学发展，工会组织责无旁贷。");
        let out = remove_local(&text, &census, &mut Notes::default()).unwrap_or_default();
        assert_eq!(out, kept);
    }

    #[test]
    fn count_of_points() {
        let mut notes = Notes::default();
        assert_eq!(
            points("借此机会，我讲三点意见：", &mut notes),
            "借此机会，我讲{{ points_cn }}点意见："
        );
        assert_eq!(
            points("下面，我重点讲两个方面的问题", &mut notes),
            "下面，我重点讲{{ points_cn }}个方面的问题"
        );
        assert_eq!(points("开展“四季送”活动", &mut notes), "开展“四季送”活动");
    }
}
