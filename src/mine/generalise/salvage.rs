//! Salvage: a unit that fails generalisation because of one sentence (a numbered session, a
//! person or place name, a masked name, a local slogan…) is kept without that sentence when what
//! remains still reads whole; in openings and closings a sentence may instead lose its trailing
//! clauses (…，为建设现代某市作出新的贡献！ → …！). Also the repair of gaps the web source
//! left where the bank has a slot (党的精神 → 党的{{ congress }}精神).

use std::sync::LazyLock;

use regex::Regex;

use super::sentences::{MIN_REST_CHARS, split};
use super::{Notes, slot};

/// What salvage may cut from a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cut {
    /// The first sentence may go (not for sub-points and headings, whose lead must stay).
    pub lead: bool,
    /// A sentence may lose its trailing clauses instead of going whole (openings, closings).
    pub clauses: bool,
}

impl Cut {
    /// Nothing but whole non-lead sentences.
    pub const STRICT: Cut = Cut {
        lead: false,
        clauses: false,
    };
    /// Whole sentences, the lead included.
    pub const SENTENCES: Cut = Cut {
        lead: true,
        clauses: false,
    };
    /// Whole sentences or trailing clauses.
    pub const CLAUSES: Cut = Cut {
        lead: true,
        clauses: true,
    };
}

/// Gaps where the missing words are unambiguous and a slot can stand in for them.
static REPAIRS: LazyLock<Vec<(Regex, String)>> = LazyLock::new(|| {
    let congress = slot("congress");
    vec![
        // 党的精神 / 党的精神指引 / 党的精神为指导: only a Party congress fits the gap.
        (
            Regex::new(r"党的(精神)").expect("static regex"),
            format!("党的{congress}$1"),
        ),
        // 以精神为指引: the spirit of the Party congress, as the phrase always reads.
        (
            Regex::new(r"以精神为(指引|指导|引领)").expect("static regex"),
            format!("以党的{congress}精神为$1"),
        ),
    ]
});

/// Fills the source's unambiguous gaps with slots.
pub(super) fn repair(text: &str, notes: &mut Notes) -> String {
    let mut out = text.to_string();
    for (re, to) in REPAIRS.iter() {
        if re.is_match(&out) {
            let before = out.clone();
            out = re.replace_all(&before, to.as_str()).into_owned();
            notes.add(format!("gap filled: {}", re.find(&before).map_or("", |m| m.as_str())));
        }
    }
    if DOUBLED_MARK.is_match(&out) {
        notes.add("doubled mark written once".to_string());
        out = DOUBLED_MARK
            .replace_all(&out, |c: &regex::Captures| match c.get(1) {
                Some(next) => format!("的{}", next.as_str()),
                None => c[0].chars().next().map(String::from).unwrap_or_default(),
            })
            .into_owned();
    }
    undouble(&out, notes)
}

/// Marks and particles the source wrote twice: 。。, 自己的的组织 (not 的的确确).
static DOUBLED_MARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"。。+|，，+|的的([^确])").expect("static regex"));

/// A two-character word the source wrote twice running (成为成为, 奋力开创工作工作新局面) once.
/// A counted repetition (一项一项, 一件一件) is a figure of speech and stays.
fn undouble(text: &str, notes: &mut Notes) -> String {
    let han = |c: char| matches!(c, '\u{4e00}'..='\u{9fff}');
    let mut out = String::new();
    let mut copied = 0; // bytes of `text` accounted for in `out`
    let mut window: [(usize, char); 4] = [(0, ' '); 4];
    let mut skip_until = 0;
    for (n, (i, c)) in text.char_indices().enumerate() {
        window.rotate_left(1);
        window[3] = (i, c);
        if n < 3 || window[0].0 < skip_until {
            continue;
        }
        let [(start, a), (_, b), (second, x), (_, y)] = window;
        if a == x && b == y && a != b && han(a) && han(b) && !"一两二三四五六七八九十每".contains(a) {
            notes.add(format!("doubled word {a}{b}{a}{b} → {a}{b}"));
            out.push_str(&text[copied..start]);
            out.push_str(&text[start..second]);
            copied = i + c.len_utf8();
            skip_until = copied;
        }
    }
    if copied == 0 {
        return text.to_string();
    }
    out.push_str(&text[copied..]);
    out
}

/// The address a closing may open with (同志们，/ 各位委员、同志们，), kept in front of what is
/// left after a cut.
static ADDRESS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[^，。！？：；]{0,12}同志们[，！：]").expect("static regex"));

/// Words that open a clause whose verb comes later: it cannot end a sentence.
/// So is one that only gathers the workforce or its strength (团结动员广大职工, 广泛凝聚全县上下
///力量): the goal it was for went with the clauses cut off.
static OPEN_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(为|以|在|把|对|向|通过|围绕|按照|迎接)|(下|中|上|时|里|之际)$|^(团结|动员|带领)[^，]{0,8}(职工|群众)$|^(广泛|充分|进一步)?(凝聚|汇聚|调动|激发)[^，]{0,12}(力量|智慧|积极性|热情|合力)$",
    )
    .expect("static regex")
});

/// Openings that lean on a sentence before them (这次会议 does not; 这一 and 同时 do), or that
/// continue a sequence begun before them (其次).
static LEANS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(这(一|些|就|是|也|种|样|方面)|其|此|同时|此外|另外|但|而|并|因此|所以|为此|从而|也|还|对此|以上|上述|首先|再次|然后|接着)",
    )
    .expect("static regex")
});

/// Words that open a frame (对于…具有…意义) whose main clause may be in the clauses cut off.
static FRAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(对于|关于|随着|为了|通过|由于|如果|只要|只有|虽然|尽管)").expect("static regex"));

/// The clauses of a sentence, split at commas outside quotations.
fn clauses(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in sentence.char_indices() {
        match c {
            '“' | '《' | '（' => depth += 1,
            '”' | '》' | '）' => depth -= 1,
            '，' if depth <= 0 => {
                out.push(&sentence[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&sentence[start..]);
    out
}

/// The sentence without its trailing clauses from the first that `offends`, ended with the
/// sentence's own closing mark; `None` when fewer than two clauses would be left.
fn trim_clauses(sentence: &str, offends: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let end = sentence.chars().next_back().filter(|c| matches!(c, '。' | '！'))?;
    let body = &sentence[..sentence.len() - end.len_utf8()];
    let parts = clauses(body);
    let mut k = parts.iter().position(|c| offends(c).is_some())?;
    while k > 0 && OPEN_CLAUSE.is_match(parts[k - 1]) {
        k -= 1;
    }
    if k < 2 || parts[..k].iter().any(|c| FRAME.is_match(c)) {
        return None;
    }
    Some(format!("{}{end}", parts[..k].join("，")))
}

/// What is left of `text` once the sentences (or trailing clauses) that `offends` flags are cut
/// out, with the reasons cut; `None` when nothing was cut or the rest would not read whole.
pub(super) fn cut(
    text: &str,
    how: Cut,
    offends: &dyn Fn(&str) -> Option<String>,
) -> Result<(String, Vec<String>), String> {
    let (address, body) = match ADDRESS.find(text) {
        Some(m) if how.lead => text.split_at(m.end()),
        _ => ("", text),
    };
    let sentences = split(body);
    let mut kept: Vec<String> = Vec::with_capacity(sentences.len());
    let mut removed: Vec<String> = Vec::new();
    let mut gone = vec![false; sentences.len()];
    for (i, sentence) in sentences.iter().enumerate() {
        let Some(why) = offends(sentence) else {
            kept.push((*sentence).to_string());
            continue;
        };
        if how.clauses
            && let Some(trimmed) = trim_clauses(sentence, offends)
        {
            kept.push(trimmed);
            removed.push(format!("clause with {why}"));
            continue;
        }
        if i == 0 && !how.lead {
            return Err(format!("{why} in the lead sentence"));
        }
        // A short lead naming a local campaign (努力增强“双联”工作实效。) is the unit's title:
        // what follows speaks of it still (为被联企业解决了…) and goes with it. A longer lead
        // names it in passing.
        if i == 0 && why.contains("local slogan") && sentence.chars().count() <= 24 {
            return Err(format!("{why} in the lead sentence, the unit's subject"));
        }
        gone[i] = true;
        removed.push(format!("sentence with {why}"));
    }
    if removed.is_empty() {
        return Err(String::new());
    }
    let why = removed.join("; ");
    for i in 1..sentences.len() {
        if !gone[i] && gone[i - 1] && LEANS.is_match(sentences[i]) {
            return Err(format!("{why} (the next sentence leans on it)"));
        }
    }
    let rest: String = kept.concat();
    if crate::bank::display_text(&rest).chars().count() < MIN_REST_CHARS {
        return Err(format!("{why} (too little left without it)"));
    }
    if LEANS.is_match(&rest) {
        return Err(format!("{why} (what is left leans on it)"));
    }
    if gone.last() == Some(&true) && !rest.ends_with(['。', '！']) {
        return Err(format!("{why} (what is left does not end a paragraph)"));
    }
    Ok((format!("{address}{rest}"), removed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offends(s: &str) -> Option<String> {
        ["潢川", "××", "十一届", "李四"]
            .iter()
            .find(|w| s.contains(*w))
            .map(|w| (*w).to_string())
    }

    #[test]
    fn gaps_are_filled_only_where_unambiguous() {
        let mut notes = Notes::default();
        assert_eq!(
            repair("我们要深入贯彻落实党的精神，脚踏实地。", &mut notes),
            "我们要深入贯彻落实党的{{ congress }}精神，脚踏实地。"
        );
        assert_eq!(
            repair("让我们以精神为指引，开拓进取。", &mut notes),
            "让我们以党的{{ congress }}精神为指引，开拓进取。"
        );
        assert_eq!(repair("迎接党的胜利召开", &mut notes), "迎接党的胜利召开");
        assert_eq!(repair("发扬劳模精神", &mut notes), "发扬劳模精神");
        assert_eq!(
            repair("奋力开创工作工作新局面，使之真正成为成为职工之家。", &mut notes),
            "奋力开创工作新局面，使之真正成为职工之家。"
        );
        assert_eq!(repair("一项一项抓落实", &mut notes), "一项一项抓落实");
        assert_eq!(
            repair("工会是职工自己的的组织。。的的确确如此", &mut notes),
            "工会是职工自己的组织。的的确确如此"
        );
    }

    #[test]
    fn offending_sentences_go_when_the_rest_reads_whole() {
        let text = "今天，我们在这里隆重召开全县工会工作会议，回顾总结去年工作，研究部署今年任务。开好这次会议，对于推动潢川跨越发展具有十分重要的意义。刚才，李四主席所作的报告很好，希望大家认真抓好贯彻落实。下面，我就做好今年的工会工作讲三点意见。";
        let (rest, why) = cut(text, Cut::SENTENCES, &offends).expect("salvaged");
        assert_eq!(
            rest,
            "今天，我们在这里隆重召开全县工会工作会议，回顾总结去年工作，研究部署今年任务。下面，我就做好今年的工会工作讲三点意见。"
        );
        assert_eq!(why.len(), 2);
        // The lead of a sub-point stays or the unit goes.
        assert!(
            cut(
                "县工会十一届以来成绩显著。要扎实工作，开拓创新，努力开创工会工作新局面，再创新的辉煌。",
                Cut::STRICT,
                &offends
            )
            .is_err()
        );
        // A sentence leaning on the one cut out.
        assert!(
            cut(
                "县工会十一届以来成绩显著。因此，我们要扎实工作，开拓创新，努力开创工会工作新局面。",
                Cut::SENTENCES,
                &offends
            )
            .is_err()
        );
        // Too little left.
        assert!(cut("县工会十一届以来成绩显著。我们要扎实工作。", Cut::SENTENCES, &offends).is_err());
    }

    #[test]
    fn closings_lose_trailing_clauses_and_keep_their_address() {
        let text = "同志们，工人阶级使命光荣，工会组织责任重大。我们一定要充分发挥工会组织的优势和作用，凝神聚力、扎实工作，奋力开创工会工作新局面，为实现潢川经济社会发展作出新的更大贡献！";
        let (rest, _) = cut(text, Cut::CLAUSES, &offends).expect("salvaged");
        assert_eq!(
            rest,
            "同志们，工人阶级使命光荣，工会组织责任重大。我们一定要充分发挥工会组织的优势和作用，凝神聚力、扎实工作，奋力开创工会工作新局面！"
        );
        // A clause that opens a frame (在…下) goes with the clause after it.
        let text = "同志们，让我们团结一心，开拓进取，扎实工作，在县委的正确领导下，为潢川经济社会发展作出新的更大贡献！工会工作大有可为，我们一定要把各项工作做得更好。";
        let (rest, _) = cut(text, Cut::CLAUSES, &offends).expect("salvaged");
        assert!(
            rest.starts_with("同志们，让我们团结一心，开拓进取，扎实工作！"),
            "{rest}"
        );
        // Gathering strength (凝聚…力量) says nothing once its goal is cut.
        let text = "同志们，工会工作事关民心、事关发展、事关党的执政地位。我们一定要高度重视工会工作，充分发挥工会作用，团结带领广大职工群众，广泛凝聚全县上下力量，共同把建设现代潢川的宏伟事业不断推向前进。";
        let (rest, _) = cut(text, Cut::CLAUSES, &offends).expect("salvaged");
        assert!(
            rest.ends_with("我们一定要高度重视工会工作，充分发挥工会作用。"),
            "{rest}"
        );
        // Cutting a whole first sentence keeps the address.
        let text = "同志们，县工会十一届以来成绩显著。让我们在县委的正确领导下，团结动员广大职工，开拓进取，扎实工作，努力开创工会工作新局面！";
        let (rest, _) = cut(text, Cut::CLAUSES, &offends).expect("salvaged");
        assert!(rest.starts_with("同志们，让我们在县委"), "{rest}");
    }
}
