//! `jianggao brief`: write an example brief, check a brief and show what it leads to.

use std::fmt::Write as _;
use std::path::Path;

use crate::bank::{Bank, Kind};
use crate::brief::{Brief, Level};
use crate::cli::BriefCommand;
use crate::error::{Error, Result};
use crate::report;

/// Runs `jianggao brief`.
pub fn run(cmd: &BriefCommand, quiet: bool) -> Result<()> {
    match cmd {
        BriefCommand::Init { kind, level } => report::print(&init(kind, level)?),
        BriefCommand::Check { file, bank } => {
            let (brief, mut warnings) = crate::brief::load_with_warnings(file)?;
            let bank = super::phrases::load_bank(bank.as_deref())?;
            warnings.extend(check_warnings(&brief, &bank));
            let text = describe(file, &brief);
            report::print(&text)?;
            for w in &warnings {
                report::warn(w, quiet);
            }
            Ok(())
        }
    }
}

/// The sample values `brief init` fills in for a level.
struct Sample {
    name: &'static str,
    short: &'static str,
    role: &'static str,
    figures: [(&'static str, &'static str, &'static str, &'static str); 2],
}

fn sample(level: Level) -> Sample {
    match level {
        Level::County => Sample {
            name: "青山县",
            short: "县",
            role: "县委副书记",
            figures: [
                ("地区生产总值", "116.5", "亿元", "8.2"),
                ("新建基层工会", "36", "个", "-3.4"),
            ],
        },
        Level::City => Sample {
            name: "江州市",
            short: "市",
            role: "市委副书记",
            figures: [
                ("地区生产总值", "1288.6", "亿元", "6.1"),
                ("工会会员", "52.3", "万人", "2.5"),
            ],
        },
        Level::District => Sample {
            name: "江北区",
            short: "区",
            role: "区委副书记",
            figures: [
                ("地区生产总值", "420.8", "亿元", "5.6"),
                ("帮扶困难职工", "1200", "人次", "0"),
            ],
        },
        Level::Enterprise => Sample {
            name: "青山煤矿",
            short: "矿",
            role: "矿党委书记",
            figures: [
                ("原煤产量", "1200", "万吨", "-3.4"),
                ("职工人均收入", "8.6", "万元", "5.2"),
            ],
        },
    }
}

/// One line of the example brief: code, then its comment aligned by display width.
fn line(out: &mut String, code: &str, comment: &str) {
    use unicode_width::UnicodeWidthStr;
    const COLUMN: usize = 38;
    if comment.is_empty() {
        out.push_str(code);
    } else if code.is_empty() {
        let _ = write!(out, "# {comment}");
    } else {
        let pad = COLUMN.saturating_sub(code.width()).max(1);
        let _ = write!(out, "{code}{:pad$}# {comment}", "");
    }
    out.push('\n');
}

/// A complete, commented example brief for `kind` and `level` that validates as it is.
pub fn init(kind: &str, level: &str) -> Result<String> {
    let kind = match kind {
        "leader_speech" => Kind::LeaderSpeech,
        "work_report" => Kind::WorkReport,
        other => {
            return Err(Error::Usage(format!(
                "--kind `{other}` is not known; use one of: leader_speech, work_report"
            )));
        }
    };
    let level = Level::parse(level).ok_or_else(|| {
        Error::Usage(format!(
            "--level `{level}` is not known; use one of: {}",
            Level::NAMES.join(", ")
        ))
    })?;
    let s = sample(level);
    let year = 2026;
    let short = s.short;
    let mut o = String::new();
    let o = &mut o;
    line(
        o,
        "",
        "A jianggao brief: what the draft is for. Check it with `jianggao brief check FILE`,",
    );
    line(
        o,
        "",
        "draft it with `jianggao generate FILE`. Keys marked optional may be left out.",
    );
    line(o, "", "");
    line(
        o,
        &format!("kind = \"{}\"", kind.as_str()),
        "required: leader_speech (a leader's speech) | work_report (the union's work report)",
    );
    line(
        o,
        &format!("year = {year}"),
        &format!(
            "required: the meeting's year, 1990–2100; the draft reviews {} and plans {year}",
            year - 1
        ),
    );
    line(
        o,
        "",
        "avoid = [\"2025讲话.txt\"]  optional: earlier speeches (text or JSON drafts, beside this file) not to repeat",
    );
    line(o, "", "");
    line(o, "[organisation]", "required");
    line(
        o,
        &format!("name = \"{}\"", s.name),
        "required: the county, city, district or enterprise",
    );
    line(
        o,
        &format!("level = \"{}\"", level.as_str()),
        &format!(
            "required: 县 | 市 | 区 | 企业 (gives 全{short}, {short}{}, … in the draft)",
            if level == Level::Enterprise { "党委" } else { "委" }
        ),
    );
    if level == Level::Enterprise {
        line(
            o,
            &format!("short = \"{short}\""),
            &format!(
                "optional, only for 企业 (default {}): the word in 全矿/矿党委: {}",
                crate::brief::DEFAULT_ENTERPRISE_SHORT,
                crate::brief::ENTERPRISE_SHORTS.join(" | ")
            ),
        );
    } else {
        line(
            o,
            "",
            "short = \"矿\"                        # only for level 企业: the word in 全矿/矿党委 (矿, 厂, 公司, …)",
        );
    }
    line(o, "", "");
    line(o, "[meeting]", "optional table");
    line(
        o,
        &format!("name = \"全{short}工会工作会议\""),
        &format!("optional (default 全{short}工会工作会议)"),
    );
    line(
        o,
        &format!("date = \"{year}-02-26\""),
        "optional: YYYY-MM-DD, in the brief's year",
    );
    match kind {
        Kind::LeaderSpeech => line(
            o,
            "reporter = \"王志刚\"",
            "optional: who gave the work report before this speech",
        ),
        Kind::WorkReport => line(
            o,
            "",
            "reporter = \"王志刚\"                 # optional, for leader_speech: who gave the work report before it",
        ),
    }
    line(
        o,
        "commendation = true",
        "optional: true if advanced units were commended (default false)",
    );
    line(o, "", "");
    let role = match (kind, level) {
        (Kind::LeaderSpeech, _) => s.role.to_string(),
        (Kind::WorkReport, Level::Enterprise) => format!("{short}工会主席"),
        (Kind::WorkReport, _) => format!("{short}总工会主席"),
    };
    line(o, "[speaker]", "optional table: who speaks (the title's byline)");
    line(o, "name = \"李明\"", "optional");
    line(o, &format!("role = \"{role}\""), "optional: their post");
    line(o, "", "");
    let points_meaning = match kind {
        Kind::LeaderSpeech => "the speech's main points (一、二、…)",
        Kind::WorkReport => "the main tasks of the year's plan (（一）（二）…)",
    };
    line(o, "[outline]", "optional table");
    line(o, "points = 3", &format!("optional, 2–6 (default 3): {points_meaning}"));
    line(
        o,
        "",
        &format!(
            "focus: optional, themes to prefer, from: {}",
            crate::themes::names().join(", ")
        ),
    );
    line(o, "focus = [\"劳动竞赛\", \"困难职工帮扶\"]", "");
    line(
        o,
        "length = 4000",
        "optional, 1000–20000 (default 4000): target length in characters",
    );
    line(
        o,
        "",
        "or size it by speaking time instead of length: minutes = 15 (1–120), rate = 220 (characters a minute, 120–400)",
    );
    line(o, "", "");
    line(
        o,
        "",
        "[[figures]]: zero or more figures of the year reviewed, each printed with its value and unit",
    );
    line(
        o,
        "",
        "exactly as written here; growth is the % change on the year before (negative for a fall, 0 for flat).",
    );
    for (label, value, unit, growth) in s.figures {
        line(o, "", "");
        line(o, "[[figures]]", "");
        line(
            o,
            &format!("label = \"{label}\""),
            "required: what is measured; each label once",
        );
        line(o, &format!("value = {value}"), "required: a number, no quotes");
        line(o, &format!("unit = \"{unit}\""), "required: the unit (\"\" if none)");
        line(
            o,
            &format!("growth = {growth}"),
            "optional: % change on the year before",
        );
    }
    line(o, "", "");
    line(
        o,
        "[style]",
        "optional: fonts for the Word document (--format docx); each key optional",
    );
    line(o, "title = \"方正小标宋简体\"", "the title line");
    line(o, "byline = \"楷体_GB2312\"", "the speaker line under the title");
    line(o, "body = \"仿宋_GB2312\"", "body paragraphs");
    line(o, "heading1 = \"黑体\"", "first-level headings (一、)");
    line(o, "heading2 = \"楷体_GB2312\"", "second-level headings (（一）)");
    line(o, "page_number = \"宋体\"", "page numbers in the footer");
    Ok(std::mem::take(o))
}

/// Warnings about a valid brief: things that will make the draft weaker than the brief hopes.
#[must_use]
pub fn check_warnings(brief: &Brief, bank: &Bank) -> Vec<String> {
    const FEW: usize = 3;
    let mut out = Vec::new();
    let family = brief.organisation.level.family();
    for theme in &brief.outline.focus {
        let n = bank
            .phrases
            .iter()
            .filter(|p| {
                (p.level_family == family || p.level_family == crate::bank::LevelFamily::Common)
                    && p.era.fits(brief.year)
                    && p.themes.contains(theme)
            })
            .count();
        if n < FEW {
            out.push(format!(
                "focus theme {theme}: the phrase bank has {n} phrase{} for it that fit{} {} in {}; the draft may say little about it",
                if n == 1 { "" } else { "s" },
                if n == 1 { "s" } else { "" },
                brief.organisation.level.as_str(),
                brief.year
            ));
        }
    }
    let focus = brief.outline.focus.len();
    if focus > brief.outline.points as usize {
        out.push(format!(
            "outline.focus names {focus} themes but outline.points is {}: only {} of them can lead a point",
            brief.outline.points, brief.outline.points
        ));
    }
    if brief.kind == Kind::WorkReport && brief.meeting.reporter.is_some() {
        out.push("meeting.reporter is used by leader_speech only; a work_report ignores it".into());
    }
    for f in &brief.figures {
        if f.value < 0.0 {
            out.push(format!(
                "figure {}: a negative value reads oddly (“{}”); give the value and a negative growth instead",
                f.label,
                f.phrase()
            ));
        }
    }
    let per_point = brief.outline.length / brief.outline.points.max(1);
    if per_point < 500 {
        out.push(format!(
            "outline.length {} for {} points leaves about {per_point} characters a point; the draft may run longer",
            brief.outline.length, brief.outline.points
        ));
    }
    out
}

/// What `brief check` shows for a valid brief.
#[must_use]
pub fn describe(path: &Path, b: &Brief) -> String {
    let mut out = String::new();
    let short = &b.organisation.short;
    let _ = writeln!(out, "{}: valid brief", path.display());
    let kind = match b.kind {
        Kind::LeaderSpeech => "leader_speech (a leader's speech at the meeting)",
        Kind::WorkReport => "work_report (the union's report: review of the year, then the year's plan)",
    };
    let _ = writeln!(out, "kind:           {kind}");
    let _ = writeln!(
        out,
        "organisation:   {} (level {}; speaks of itself as 全{short}, 我{short})",
        b.organisation.name,
        b.organisation.level.as_str()
    );
    let mut meeting = b.meeting.name.clone();
    if let Some(d) = &b.meeting.date {
        let _ = write!(meeting, ", {d}");
    }
    if let Some(r) = &b.meeting.reporter {
        let _ = write!(meeting, "; work report by {r}");
    }
    if b.meeting.commendation {
        meeting.push_str("; advanced units commended");
    }
    let _ = writeln!(out, "meeting:        {meeting}");
    let speaker = match (&b.speaker.name, &b.speaker.role) {
        (Some(n), Some(r)) => format!("{n}, {r}"),
        (Some(n), None) => n.clone(),
        (None, Some(r)) => r.clone(),
        (None, None) => "(not named)".into(),
    };
    let _ = writeln!(out, "speaker:        {speaker}");
    let _ = writeln!(out, "years:          reviews {}, plans {}", b.year - 1, b.year);
    match (crate::almanac::plan_of(b.year), crate::almanac::phase_of(b.year)) {
        (Some(plan), Some(phase)) => {
            let _ = writeln!(
                out,
                "five-year plan: “{}” ({}–{}); {} is its {phase}",
                plan.name(),
                plan.start,
                plan.end,
                b.year
            );
        }
        _ => {
            let _ = writeln!(out, "five-year plan: none in {}", b.year);
        }
    }
    let party = crate::almanac::party_congress_of(b.year).map(|c| format!("Party {} ({})", c.name(), c.year));
    let union = crate::almanac::union_congress_of(b.year).map(|c| format!("unions {} ({})", c.name(), c.year));
    let congresses: Vec<String> = [party, union].into_iter().flatten().collect();
    if !congresses.is_empty() {
        let _ = writeln!(out, "congresses:     {}", congresses.join(", "));
    }
    let points = crate::cn::count_cn(b.outline.points);
    let what = match b.kind {
        Kind::LeaderSpeech => format!("{} main points (我讲{points}点意见)", b.outline.points),
        Kind::WorkReport => format!("{} main tasks in the plan for {}", b.outline.points, b.year),
    };
    let _ = writeln!(out, "outline:        {what}, about {} characters", b.outline.length);
    let _ = match b.outline.minutes {
        Some(m) => writeln!(
            out,
            "speaking time:  {m} minutes at {} characters a minute: a target of {} characters (±15%)",
            b.outline.rate, b.outline.length
        ),
        None => writeln!(
            out,
            "speaking time:  about {} minutes at {} characters a minute",
            b.outline.length.div_ceil(b.outline.rate),
            b.outline.rate
        ),
    };
    if !b.avoid.is_empty() {
        let files: Vec<String> = b.avoid.iter().map(|p| p.display().to_string()).collect();
        let _ = writeln!(out, "avoid:          wording of {}", files.join(", "));
    }
    let focus = if b.outline.focus.is_empty() {
        "(none: themes chosen by the usual order of a speech)".to_string()
    } else {
        b.outline.focus.join(", ")
    };
    let _ = writeln!(out, "focus:          {focus}");
    if b.figures.is_empty() {
        let _ = writeln!(out, "figures:        none (the review will speak without numbers)");
    } else {
        let _ = writeln!(
            out,
            "figures:        {} (in the review of {}):",
            b.figures.len(),
            b.year - 1
        );
        for (i, f) in b.figures.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", i + 1, f.phrase());
        }
    }
    if let Some(style) = &b.style {
        let fonts: Vec<String> = [
            ("title", &style.title),
            ("byline", &style.byline),
            ("body", &style.body),
            ("heading1", &style.heading1),
            ("heading2", &style.heading2),
            ("page_number", &style.page_number),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} {v}")))
        .collect();
        let _ = writeln!(out, "style:          {}", fonts.join(", "));
    }
    out
}
