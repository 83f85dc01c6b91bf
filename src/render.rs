//! Rendering with Tera: the slot values a brief gives, the frame templates of each kind of speech,
//! and phrase text.
//!
//! Brief values are data, never template code: they go into the Tera context and are printed as
//! they are, so a name such as `{{ 7*7 }}` appears literally. Templates (`templates/<kind>/*.txt`,
//! embedded; a folder may override them) are rendered once per brief; every non-empty line of a
//! template's output is one alternative the composer may choose, so that no randomness lives in
//! the templates themselves.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Serialize;
use tera::{Context, Tera};

use crate::almanac;
use crate::bank::Kind;
use crate::brief::{Brief, Level};
use crate::error::{Error, Place, Result};

/// Self-references of the organisation by level (`lv.*` slots).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelWords {
    pub all: String,
    pub we: String,
    pub short: String,
    pub party: String,
    pub gov: String,
    pub union: String,
    pub subs: String,
    pub upper_party: String,
    pub upper_union: String,
}

impl LevelWords {
    /// The words of a level; `short` is the enterprise's word (矿, 厂, 公司) or 县/市/区.
    #[must_use]
    pub fn of(level: Level, short: &str) -> LevelWords {
        let (s, subs, upper_party, upper_union) = match level {
            Level::County => ("县", "各乡镇".to_string(), "市委", "市总工会"),
            Level::City => ("市", "各县（市、区）".to_string(), "省委", "省总工会"),
            Level::District => ("区", "各街道（镇）".to_string(), "市委", "市总工会"),
            Level::Enterprise => (
                short,
                match short {
                    "矿" => "各区队".to_string(),
                    "厂" => "各车间".to_string(),
                    "公司" => "各分公司".to_string(),
                    _ => "各基层单位".to_string(),
                },
                "集团公司党委",
                "上级工会",
            ),
        };
        let enterprise = level == Level::Enterprise;
        LevelWords {
            all: format!("全{s}"),
            we: format!("我{s}"),
            short: s.to_string(),
            party: if enterprise {
                format!("{s}党委")
            } else {
                format!("{s}委")
            },
            gov: if enterprise {
                format!("{s}行政")
            } else {
                format!("{s}政府")
            },
            union: if enterprise {
                format!("{s}工会")
            } else {
                format!("{s}总工会")
            },
            subs,
            upper_party: upper_party.to_string(),
            upper_union: upper_union.to_string(),
        }
    }
}

/// Every value a phrase or template may use, filled from a brief.
#[derive(Debug, Clone, Serialize)]
pub struct Slots {
    pub org: String,
    pub lv: LevelWords,
    pub year: u32,
    pub prev_year: u32,
    pub next_year: u32,
    pub plan: String,
    pub prev_plan: String,
    pub phase: String,
    pub congress: String,
    pub union_congress: String,
    /// The theories and congress a speech of the year is guided by (`almanac::guidance`).
    pub guidance: String,
    /// Empty when the brief names no reporter.
    pub reporter: String,
    /// Empty when the brief names no speaker.
    pub speaker: String,
    pub speaker_role: String,
    pub meeting: String,
    /// The meeting's date written out (2026年2月26日), or empty.
    pub date: String,
    pub points: u32,
    pub points_cn: String,
    pub commendation: bool,
    pub kind: &'static str,
}

/// Brief text is printed as is; only line breaks are folded, since each line of a template's
/// output is one alternative.
fn data(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

/// `2026-02-26` → `2026年2月26日`; anything else is printed as given.
fn date_words(date: &str) -> String {
    let parts: Vec<&str> = date.split('-').collect();
    if let [y, m, d] = parts.as_slice()
        && let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>())
    {
        return format!("{y}年{m}月{d}日");
    }
    data(date)
}

impl Slots {
    /// The slot values of `brief`.
    #[must_use]
    pub fn of(brief: &Brief) -> Slots {
        let year = brief.year;
        let plan = almanac::plan_of(year);
        let prev_plan = plan.and_then(|p| almanac::plan_of(p.start.saturating_sub(1)));
        Slots {
            org: data(&brief.organisation.name),
            lv: LevelWords::of(brief.organisation.level, &data(&brief.organisation.short)),
            year,
            prev_year: year - 1,
            next_year: year + 1,
            plan: plan.map(|p| p.name()).unwrap_or_default(),
            prev_plan: prev_plan.map(|p| p.name()).unwrap_or_default(),
            phase: almanac::phase_of(year).unwrap_or("重要一年").to_string(),
            congress: almanac::party_congress_of(year).map(|c| c.name()).unwrap_or_default(),
            union_congress: almanac::union_congress_of(year).map(|c| c.name()).unwrap_or_default(),
            guidance: almanac::guidance(year),
            reporter: brief.meeting.reporter.as_deref().map(data).unwrap_or_default(),
            speaker: brief.speaker.name.as_deref().map(data).unwrap_or_default(),
            speaker_role: brief.speaker.role.as_deref().map(data).unwrap_or_default(),
            meeting: data(&brief.meeting.name),
            date: brief.meeting.date.as_deref().map(date_words).unwrap_or_default(),
            points: brief.outline.points,
            points_cn: crate::cn::count_cn(brief.outline.points),
            commendation: brief.meeting.commendation,
            kind: brief.kind.as_str(),
        }
    }

    /// Whether the brief gives a value for `slot` (a name of [`crate::bank::SLOTS`]). Slots
    /// whose value would be a number the brief does not state (`next_year`) are never filled.
    #[must_use]
    pub fn fills(&self, slot: &str) -> bool {
        match slot {
            "reporter" => !self.reporter.is_empty(),
            "speaker" => !self.speaker.is_empty(),
            "plan" => !self.plan.is_empty(),
            "prev_plan" => !self.prev_plan.is_empty(),
            "congress" => !self.congress.is_empty(),
            "union_congress" => !self.union_congress.is_empty(),
            "next_year" => false,
            _ => crate::bank::is_slot(slot),
        }
    }

    /// The Tera context holding these values.
    pub fn context(&self) -> Result<Context> {
        Context::from_serialize(self).map_err(|e| Error::Message(format!("slot values: {e}")))
    }
}

/// The frame pieces every kind of speech needs; a template set must provide these files.
pub const PIECES: [(&str, &[&str]); 2] = [
    (
        "leader_speech",
        &[
            "title",
            "byline",
            "salutation",
            "opening",
            "figures_lead",
            "report",
            "commend",
            "announce",
            "opening_more",
            "heading",
            "intro",
            "subpoint",
            "body",
            "closing",
        ],
    ),
    (
        "work_report",
        &[
            "title",
            "byline",
            "salutation",
            "opening",
            "review_heading",
            "review_intro",
            "figures_lead",
            "achievement",
            "lessons",
            "problems_lead",
            "problems",
            "plan_heading",
            "requirements",
            "heading",
            "intro",
            "subpoint",
            "body",
            "closing",
        ],
    ),
];

macro_rules! embedded_templates {
    ($($kind:literal / $name:literal),* $(,)?) => {
        [$((concat!($kind, "/", $name, ".txt"),
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/", $kind, "/", $name, ".txt")))),*]
    };
}

const EMBEDDED: [(&str, &str); 32] = embedded_templates!(
    "leader_speech" / "title",
    "leader_speech" / "byline",
    "leader_speech" / "salutation",
    "leader_speech" / "opening",
    "leader_speech" / "figures_lead",
    "leader_speech" / "report",
    "leader_speech" / "commend",
    "leader_speech" / "announce",
    "leader_speech" / "heading",
    "leader_speech" / "intro",
    "leader_speech" / "subpoint",
    "leader_speech" / "body",
    "leader_speech" / "opening_more",
    "leader_speech" / "closing",
    "work_report" / "title",
    "work_report" / "byline",
    "work_report" / "salutation",
    "work_report" / "opening",
    "work_report" / "review_heading",
    "work_report" / "review_intro",
    "work_report" / "figures_lead",
    "work_report" / "achievement",
    "work_report" / "lessons",
    "work_report" / "problems_lead",
    "work_report" / "problems",
    "work_report" / "plan_heading",
    "work_report" / "requirements",
    "work_report" / "heading",
    "work_report" / "intro",
    "work_report" / "subpoint",
    "work_report" / "body",
    "work_report" / "closing",
);

/// A compiled template set.
pub struct Templates {
    tera: Tera,
    /// Template name → source, for error places.
    sources: IndexMap<String, String>,
}

/// The rendered frame of one brief: piece name → its alternatives (one per non-empty line).
/// Piece name → its alternatives. Drafting looks pieces up by name many times a draft, so the
/// map hashes with rustc-hash's Fx rather than SipHash (the names are the templates', not input).
pub type Pieces = IndexMap<String, Vec<String>, rustc_hash::FxBuildHasher>;

fn template_error(name: &str, source: Option<&str>, e: &tera::Error) -> Error {
    let (place, message) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => (
            source.map(|s| Place::of(s, r.span().range.clone())),
            r.message().to_string(),
        ),
        other => (None, other.to_string()),
    };
    Error::Template {
        name: name.to_string(),
        place,
        message,
    }
}

impl Templates {
    /// The templates built into the binary.
    pub fn embedded() -> Result<Templates> {
        Templates::from_sources(EMBEDDED.iter().map(|(n, s)| ((*n).to_string(), (*s).to_string())))
    }

    /// The templates of folder `dir` (`dir/leader_speech/*.txt`, `dir/work_report/*.txt`); a
    /// piece missing there is taken from the built-in set.
    pub fn load(dir: &Path) -> Result<Templates> {
        if !dir.is_dir() {
            return Err(Error::Usage(format!(
                "{}: not a folder of templates (expected leader_speech/*.txt and work_report/*.txt)",
                dir.display()
            )));
        }
        let mut sources: IndexMap<String, String> = EMBEDDED
            .iter()
            .map(|(n, s)| ((*n).to_string(), (*s).to_string()))
            .collect();
        for (kind, _) in PIECES {
            let sub = dir.join(kind);
            let Ok(entries) = std::fs::read_dir(&sub) else {
                continue;
            };
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            paths.sort();
            for path in paths {
                let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
                sources.insert(format!("{kind}/{stem}.txt"), text);
            }
        }
        Templates::from_sources(sources)
    }

    fn from_sources(sources: impl IntoIterator<Item = (String, String)>) -> Result<Templates> {
        let sources: IndexMap<String, String> = sources.into_iter().collect();
        let mut tera = Tera::new();
        for (name, text) in &sources {
            tera.add_raw_template(name, text)
                .map_err(|e| template_error(name, Some(text), &e))?;
        }
        Ok(Templates { tera, sources })
    }

    /// Renders every piece of `kind` with the brief's context.
    pub fn pieces(&self, kind: Kind, context: &Context) -> Result<Pieces> {
        let names = PIECES
            .iter()
            .find(|(k, _)| *k == kind.as_str())
            .map(|(_, n)| *n)
            .unwrap_or_default();
        let mut out = Pieces::default();
        for piece in names {
            let name = format!("{}/{piece}.txt", kind.as_str());
            if !self.sources.contains_key(&name) {
                out.insert((*piece).to_string(), Vec::new());
                continue;
            }
            let text = self
                .tera
                .render(&name, context)
                .map_err(|e| template_error(&name, self.sources.get(&name).map(String::as_str), &e))?;
            let lines = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
            out.insert((*piece).to_string(), lines);
        }
        Ok(out)
    }

    /// Renders one phrase's text (`{{ slot }}` variables) with the brief's context.
    pub fn phrase(&self, text: &str, context: &Context) -> Result<String> {
        self.tera
            .render_str(text, context, false)
            .map_err(|e| template_error("<phrase>", Some(text), &e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brief(name: &str, level: &str, short: Option<&str>) -> Brief {
        let short = short.map(|s| format!("short = \"{s}\"\n")).unwrap_or_default();
        let text = format!(
            "kind = \"leader_speech\"\nyear = 2026\n[organisation]\nname = '{name}'\nlevel = \"{level}\"\n{short}[meeting]\nreporter = '{{{{ 7*7 }}}}'\n"
        );
        crate::brief::parse(Path::new("t.toml"), &text).expect("valid brief")
    }

    #[test]
    fn level_words_by_level() {
        let w = LevelWords::of(Level::Enterprise, "矿");
        assert_eq!(
            (w.all.as_str(), w.party.as_str(), w.union.as_str(), w.subs.as_str()),
            ("全矿", "矿党委", "矿工会", "各区队")
        );
        assert_eq!(
            (w.upper_party.as_str(), w.upper_union.as_str()),
            ("集团公司党委", "上级工会")
        );
        let w = LevelWords::of(Level::City, "市");
        assert_eq!((w.we.as_str(), w.upper_party.as_str()), ("我市", "省委"));
    }

    #[test]
    fn brief_values_print_as_data() {
        let b = brief("{% raw %}x{{ 7*7 }}", "县", None);
        let slots = Slots::of(&b);
        let t = Templates::embedded().expect("templates compile");
        let ctx = slots.context().expect("context");
        let out = t.phrase("{{ org }}/{{ reporter }}", &ctx).expect("renders");
        assert_eq!(out, "{% raw %}x{{ 7*7 }}/{{ 7*7 }}");
    }

    #[test]
    fn time_slots_follow_the_year() {
        let s = Slots::of(&brief("某县", "县", None));
        assert_eq!(
            (s.plan.as_str(), s.prev_plan.as_str(), s.phase.as_str()),
            ("十五五", "十四五", "开局之年")
        );
        assert_eq!(s.prev_year, 2025);
    }

    #[test]
    fn every_piece_renders_for_both_kinds() {
        let t = Templates::embedded().expect("templates compile");
        let ctx = Slots::of(&brief("某县", "县", None)).context().expect("context");
        for kind in [Kind::LeaderSpeech, Kind::WorkReport] {
            let pieces = t.pieces(kind, &ctx).expect("renders");
            assert!(!pieces["title"].is_empty());
            assert!(!pieces["closing"].is_empty());
        }
    }
}
