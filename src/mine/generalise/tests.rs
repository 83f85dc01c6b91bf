//! Generalisation over real corpus sentences, rule by rule, and over the whole bundled corpus.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::*;

/// The bundled corpus: (file name, lines).
fn corpus() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read_to_string(e.path()).unwrap_or_default())
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

static TITLE_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"篇[一二三四五六七八九十]+$").expect("regex"));

/// A stand-in for the pipeline's cleaning: the HTML remnant, half-width punctuation after Han
/// text, stray spaces.
fn clean(line: &str) -> String {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*([（(]?[0-9一二三四五六七八九十]+[）)]、?|[0-9]+\s*[.．、]|[一二三四五六七八九十]是|[一二三四五六七八九十]要)")
            .expect("regex")
    });
    let line = line.trim().replace("times;times;*", "×××");
    // The pipeline hands units over without their sub-point numbers (一是 and 一要 stay out too).
    let line = NUMBER.replace(&line, "");
    let mut out = String::with_capacity(line.len());
    let mut prev: Option<char> = None;
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let han_before = prev.is_some_and(|p| !p.is_ascii());
        let han_after = chars.get(i + 1).is_some_and(|n| !n.is_ascii());
        let mapped = match c {
            ',' if han_before || han_after => '，',
            ';' if han_before || han_after => '；',
            ':' if han_before || han_after => '：',
            '!' if han_before => '！',
            '?' if han_before => '？',
            '(' if han_before || han_after => '（',
            ')' if han_before || han_after => '）',
            ' ' if han_before || han_after => continue,
            c => c,
        };
        out.push(mapped);
        prev = Some(mapped);
    }
    out
}

/// The speeches of the corpus, each a list of (file, line number, cleaned text).
fn speeches() -> Vec<Vec<(String, usize, String)>> {
    let mut out = Vec::new();
    for (name, text) in corpus() {
        let mut current: Vec<(String, usize, String)> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = clean(line);
            if line.is_empty() {
                continue;
            }
            if TITLE_LINE.is_match(&line) && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.push((name.clone(), i + 1, line));
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

/// Text outside `{{ … }}`.
fn outside_slots(text: &str) -> String {
    static SLOT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{\{[^}]*\}\}").expect("regex"));
    SLOT.replace_all(text, "□").into_owned()
}

fn kept(outcome: &Outcome) -> Option<&str> {
    match outcome {
        Outcome::Kept { text, .. } => Some(text),
        Outcome::Dropped { .. } => None,
    }
}

fn facts_of(speech: &[&str]) -> SpeechFacts {
    speech_facts(speech)
}

/// Generalises `text` as a unit of a speech made of `speech` (and `text`), Frame::Plan.
fn gen_in(speech: &[&str], text: &str, frame: Frame) -> Outcome {
    let mut all: Vec<&str> = speech.to_vec();
    all.push(text);
    let facts = facts_of(&all);
    let census = Census::build(&[all.clone()]);
    generalise(text, &facts, &census, frame)
}

#[test]
fn county_speech_opening() {
    // corpus/000, line 3 (trimmed): level, plan, reporter, points.
    let speech = ["今年是“十二五”开局之年，新的形势对工会工作提出了新任务、新要求。"];
    let text = "这次县委工会工作会议是在全国“两会”刚刚闭幕、我县“十二五”大幕刚刚开启的新形势下召开的一次重要会议。会前，县委会就工会工作进行了专题研究。刚才，龚玉德同志就工会工作情况及下步工作安排做了一个很好的报告，会议还对一批工会工作先进单位和个人进行了表彰。借此机会，我讲三点意见：";
    let out = gen_in(&speech, text, Frame::Plan);
    let Outcome::Kept { text, slots, notes, .. } = &out else {
        panic!("{out:?}");
    };
    assert_eq!(
        text,
        "这次{{ lv.party }}工会工作会议是在全国“两会”刚刚闭幕、{{ lv.we }}“{{ plan }}”大幕刚刚开启的新形势下召开的一次重要会议。会前，{{ lv.party }}会就工会工作进行了专题研究。刚才，{{ reporter }}同志就工会工作情况及下步工作安排做了一个很好的报告，会议还对一批工会工作先进单位和个人进行了表彰。借此机会，我讲{{ points_cn }}点意见："
    );
    assert_eq!(slots, &["lv.party", "lv.we", "plan", "points_cn", "reporter"]);
    assert!(notes.iter().any(|n| n.starts_with("我县 → {{ lv.we }}")), "{notes:?}");
    assert!(notes.iter().any(|n| n == "龚玉德 → {{ reporter }}"), "{notes:?}");
}

#[test]
fn enterprise_speech_names_itself() {
    let speeches = speeches();
    let Some(first) = speeches.iter().find(|s| s.iter().any(|(_, _, t)| t.ends_with("篇一"))) else {
        panic!("the collection's first speech");
    };
    let paragraphs: Vec<&str> = first.iter().map(|(_, _, t)| t.as_str()).collect();
    let facts = speech_facts(&paragraphs);
    assert_eq!(facts.level.as_deref(), Some("矿"));
    assert_eq!(facts.family, Some(LevelFamily::Enterprise));
    assert_eq!(facts.org.as_deref(), Some("陶阳矿"));
    let out = generalise(
        "围绕全矿中心工作，发挥工会优势，搞好两个维护，为全面完成陶阳矿20xx年的各项目标任务做出我们应有的贡献。",
        &facts,
        &Census::default(),
        Frame::Plan,
    );
    assert_eq!(
        kept(&out),
        Some(
            "围绕{{ lv.all }}中心工作，发挥工会优势，搞好两个维护，为全面完成{{ org }}{{ year }}年的各项目标任务做出我们应有的贡献。"
        )
    );
}

#[test]
fn session_numbers_drop() {
    for text in [
        "前不久，县委十四届七次全会提出：未来五年要加快发展。",
        "今天，县总工会召开十一届六次全委（扩大）会议，回顾总结20xx年工作。",
        "×××区工会第七次代表大会今天隆重开幕了，这是全区广大职工政治生活中的一件大事。",
        "动员全体会员认真贯彻党的xx届四中和集团公司、矿工作会议精神。",
    ] {
        let out = gen_in(&[], text, Frame::Plan);
        assert!(kept(&out).is_none(), "{text}: {out:?}");
    }
}

#[test]
fn defects_drop_with_reason() {
    for (text, why) in [
        (
            "县总工会提出了全县工会工作要实施“”工程。就是要坚定不移地推进。",
            "empty quotes",
        ),
        ("深入学习贯彻同志重要讲话精神，不断推进工会工作。", "同志"),
        ("在以同志为核心的党中央坚强领导下，不断推进工会工作。", "同志"),
        ("同志的重要讲话为新时代工会工作指明了方向。", "同志"),
        ("明和同志所作的报告，实事求是地反映了工作情况，我完全赞同。", "同志"),
        ("党的报告明确指出，要全心全意依靠工人阶级。", "党的"),
        ("以优异的成绩迎接党的胜利召开。", "Party congress"),
        ("党的以来，中央坚持党要管党、从严治党。", "Party congress"),
        ("党的进一步强调，要不断深化国有企业改革。", "Party congress"),
        ("和新一届中央领导集体对弘扬优良作风提出了明确要求。", "和新一届"),
        ("在20xx年工作会上，*矿长用大篇幅文字讲了工会工作。", "masked"),
        ("这一重要论述，深刻阐明了工人阶级的地位和作用。", "paragraph before"),
        (
            "按照这一要求，各级工会要从自身实际出发，团结带领广大职工建功立业。",
            "paragraph before",
        ),
        ("围绕上述目标，各级工会要突出重点，狠抓落实。", "paragraph before"),
        (
            "存在应付的现象。对以上问题，必须在以后的工作中认真加以解决。",
            "paragraphs before",
        ),
        ("刚才，讲的很全面、很清楚，大家要认真抓好落实。", "刚才"),
        ("今年是深入贯彻落实精神的关键之年。", "spirit"),
        ("要准确把握作出的新部署。", "作出的"),
        ("全年工作将在展现五个“新作为”上下功夫。", "numbered list"),
    ] {
        match gen_in(&[], text, Frame::Plan) {
            Outcome::Dropped { reason } => assert!(reason.contains(why), "{text}: {reason}"),
            kept => panic!("{text}: {kept:?}"),
        }
    }
}

#[test]
fn places_and_persons_drop() {
    for (text, why) in [
        (
            "积极协助党委、政府参与劳动争议矛盾的调处，在构建和谐劳动关系、建设平安汉寿方面发挥了重要作用。",
            "汉寿",
        ),
        ("县委十三五规划《建议》为太和未来五年发展描绘了宏伟蓝图。", "太和"),
        (
            "矿工会分别被集团公司工会、泰安市总工会、山东省煤矿工会授予荣誉称号。",
            "泰安",
        ),
        ("要在全县广泛开展“向王远文同志学习”活动，弘扬劳模精神。", "王远文"),
        ("国家电网搭建班组建设信息管理系统，推进班组标准化作业。", "国家电网"),
        ("今年中央企业工会工作要重点抓好五个方面工作。", "中央企业"),
    ] {
        match gen_in(&["全县各级工会", "县委、县政府"], text, Frame::Plan) {
            Outcome::Dropped { reason } => assert!(reason.contains(why), "{text}: {reason}"),
            kept => panic!("{text}: {kept:?}"),
        }
    }
}

#[test]
fn statistics_are_cut_out() {
    let text = "工会组织是平安创建的参与者。我县现有369个基层工会组织，入会职工达38000多人，这是我县工人阶级的主体。把工会这支队伍组织好、建设好，是实现工会阶级性的需要，也是巩固党的执政基础、维护社会稳定的需要。全县各级党政组织一定要高度重视工会工作，积极支持工会聚集力量、履行职责。";
    let out = gen_in(&["全县各级工会", "县委、县政府"], text, Frame::Plan);
    let Outcome::Kept { text, notes, .. } = &out else {
        panic!("{out:?}");
    };
    assert!(
        !text.contains("369") && text.starts_with("工会组织是平安创建的参与者。把工会"),
        "{text}"
    );
    assert!(notes.iter().any(|n| n.contains("statistic 369个")), "{notes:?}");
}

#[test]
fn era_binds_and_conflicts() {
    let text = "各级工会要深入贯彻落实科学发展观，积极应对国际金融危机的影响，团结动员广大职工为保增长、保民生、保稳定作出新的贡献。";
    let out = gen_in(&[], text, Frame::Plan);
    let Outcome::Kept { era, .. } = out else {
        panic!("{out:?}")
    };
    assert_eq!(era, Era { from: 2009, to: 2010 });
}

/// What a kept text must never hold outside its slots.
fn violations(text: &str) -> Vec<String> {
    static BAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[0-9０-９]|20[xX]{2}|[xX]{2}|“\s*”|×|times;").expect("regex"));
    let bare = outside_slots(text);
    let mut out: Vec<String> = BAD.find_iter(&bare).map(|m| m.as_str().to_string()).collect();
    out.extend(
        place::places_in(&bare)
            .into_iter()
            .map(|(s, e)| format!("place {}", &bare[s..e])),
    );
    out.extend(
        person::names_in(&bare)
            .into_iter()
            .map(|(s, e)| format!("person {}", &bare[s..e])),
    );
    if let Err(why) = place::check_enterprises(&bare) {
        out.push(why);
    }
    if bare.contains("{{") || bare.contains("}}") {
        out.push("broken slot".into());
    }
    out
}

#[test]
fn whole_corpus_keeps_nothing_it_must_not() {
    let speeches = speeches();
    assert!(speeches.len() >= 20, "the collection file splits into its speeches");
    let texts: Vec<Vec<&str>> = speeches
        .iter()
        .map(|s| s.iter().map(|(_, _, t)| t.as_str()).collect())
        .collect();
    let census = Census::build(&texts);
    let started = std::time::Instant::now();
    let mut kept_count = 0usize;
    let mut dropped: BTreeMap<String, usize> = BTreeMap::new();
    let mut bad: Vec<String> = Vec::new();
    for (speech, paragraphs) in speeches.iter().zip(&texts) {
        let facts = speech_facts(paragraphs);
        for (file, line, text) in speech {
            match generalise(text, &facts, &census, Frame::Plan) {
                Outcome::Kept { text: out, slots, .. } => {
                    kept_count += 1;
                    if std::env::var_os("JIANGGAO_DUMP").is_some() {
                        println!("KEEP {file}:{line}: {out}");
                    }
                    assert_eq!(slots, crate::bank::slots_in(&out));
                    assert!(slots.iter().all(|s| crate::bank::is_slot(s)), "{slots:?}");
                    let v = violations(&out);
                    if !v.is_empty() {
                        bad.push(format!("{file}:{line}: {v:?}: {out}"));
                    }
                }
                Outcome::Dropped { reason } => {
                    if std::env::var_os("JIANGGAO_DUMP").is_some() {
                        println!("DROP {file}:{line}: {reason}");
                    }
                    let kind = reason
                        .split([':', '“', ';', '(', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
                        .next()
                        .unwrap_or_default()
                        .trim();
                    let kind = kind.split(" in the lead").next().unwrap_or(kind);
                    *dropped.entry(kind.to_string()).or_default() += 1;
                }
            }
        }
    }
    let elapsed = started.elapsed();
    // Once the word lists are loaded, generalising is what costs.
    let warm = std::time::Instant::now();
    for (speech, paragraphs) in speeches.iter().zip(&texts) {
        let facts = speech_facts(paragraphs);
        for (_, _, text) in speech {
            let _ = generalise(text, &facts, &census, Frame::Review);
        }
    }
    println!("second pass (Frame::Review) {:?}", warm.elapsed());
    let total_dropped: usize = dropped.values().sum();
    println!("kept {kept_count}, dropped {total_dropped} in {elapsed:?}");
    let mut by_count: Vec<(&String, &usize)> = dropped.iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (why, n) in by_count {
        println!("  {n:4}  {why}");
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(kept_count >= 150, "kept only {kept_count}");
}

/// Every phrase of the bank mined from the bundled corpus, whatever its section or unit, holds
/// outside its slots no place of the gazetteer, no named enterprise, no person name, no statistic
/// or masked number, no empty quotes, no local slogan and no gap the source left.
#[test]
fn the_whole_mined_bank_keeps_nothing_it_must_not() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mined = crate::mine::mine(&[corpus], crate::mine::Options::default(), |_, _| {});
    assert!(mined.phrases.len() >= 300, "{}", mined.phrases.len());
    let speeches = speeches();
    let texts: Vec<Vec<&str>> = speeches
        .iter()
        .map(|s| s.iter().map(|(_, _, t)| t.as_str()).collect())
        .collect();
    let census = Census::build(&texts);
    assert!(!census.local.is_empty(), "the corpus has local slogans");
    let mut bad = Vec::new();
    for phrase in &mined.phrases {
        let bare = outside_slots(&phrase.text);
        let mut v = violations(&phrase.text);
        for q in sentences::quoted(&bare) {
            if sentences::is_local_quote(q, census.places_quoting(q)) {
                v.push(format!("local slogan “{q}”"));
            }
        }
        v.extend(
            census
                .local
                .iter()
                .filter(|l| bare.contains(l.as_str()))
                .map(|l| format!("local slogan {l}")),
        );
        if let Err(why) = defects::check_gaps(&phrase.text)
            && !why.starts_with("only makes sense after")
        {
            v.push(why);
        }
        if let Err(why) = defects::check_sessions(&phrase.text) {
            v.push(why);
        }
        if !v.is_empty() {
            bad.push(format!("{} {}: {v:?}: {}", phrase.section, phrase.source, phrase.text));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn openings_are_salvaged_without_their_offending_sentence() {
    let text = "今天，我们在这里隆重召开全县工会工作会议，主要任务是，贯彻落实中央、省、市工会工作会议精神，总结表彰20xx年工作，研究部署今年工作任务。开好这次会议，对于我们进一步统一思想、认清形势，团结动员广大职工群众，推动潢川跨越务实发展，具有十分重要的意义。刚才，李主席所作的报告很好，希望大家认真抓好贯彻落实。";
    let facts = facts_of(&["全县各级工会", "县委、县政府"]);
    let census = Census::default();
    let out = generalise_unit(text, &facts, &census, Frame::Plan, Cut::SENTENCES);
    let Outcome::Kept {
        text: out_text, notes, ..
    } = &out
    else {
        panic!("{out:?}");
    };
    assert!(
        !out_text.contains("潢川") && out_text.contains("{{ reporter }}主席"),
        "{out_text}"
    );
    assert!(
        out_text.starts_with("今天，我们在这里隆重召开{{ lv.all }}工会工作会议"),
        "{out_text}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.contains("removed sentence with place name: 潢川")),
        "{notes:?}"
    );
    // A sub-point keeps its lead or goes.
    let text = "要推动潢川跨越发展。各级工会要团结动员广大职工，开拓进取，扎实工作，努力开创工会工作新局面。";
    assert!(kept(&generalise_unit(text, &facts, &census, Frame::Plan, Cut::STRICT)).is_none());
}
