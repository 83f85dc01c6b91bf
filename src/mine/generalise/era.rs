//! The years a unit fits: the intersection of the spans of the era-bound terms it holds
//! (`data/era.toml`). A unit whose terms' spans do not meet is dropped.

use super::lexicon::{ERA_TERMS, EraTerm};
use crate::bank::Era;

/// Whether the term at `text[start..end]` stands in an enumeration (…、科学发展观、…), where the
/// Party's guiding theories stay current.
fn in_enumeration(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end_matches('“').chars().next_back();
    let after = text[end..]
        .trim_start_matches('”')
        .trim_start_matches("重要思想")
        .chars()
        .next();
    before == Some('、') || after == Some('、')
}

/// The era-bound terms in `text` that bind it, each with the years it allows: a guiding theory
/// in a list binds only when the list ends with it (`list_to`).
fn binding_terms(text: &str) -> Vec<(&'static EraTerm, Era)> {
    let mut terms: Vec<(&EraTerm, Era)> = Vec::new();
    for m in ERA_TERMS.automaton.find_overlapping_iter(text) {
        let term = &ERA_TERMS.terms[m.pattern().as_usize()];
        let mut era = span(term);
        if term.list_exempt && in_enumeration(text, m.start(), m.end()) {
            match (term.list_to, &term.superseded_by) {
                (Some(to), Some(later)) if !text.contains(later.as_str()) => era.to = to,
                _ => continue,
            }
        }
        if !terms.iter().any(|(t, _)| t.text == term.text) {
            terms.push((term, era));
        }
    }
    terms
}

fn span(term: &EraTerm) -> Era {
    Era {
        from: term.from.unwrap_or(Era::ALWAYS.from),
        to: term.to.unwrap_or(Era::ALWAYS.to),
    }
}

fn show(term: &EraTerm, e: Era) -> String {
    match (term.from, e.to < Era::ALWAYS.to) {
        (Some(_), true) => format!("{} ({}–{})", term.text, e.from, e.to),
        (Some(_), false) => format!("{} (from {})", term.text, e.from),
        (None, true) => format!("{} (to {})", term.text, e.to),
        (None, false) => term.text.clone(),
    }
}

/// Whether `text` holds any era-bound term (a quick test before [`era_of`]: most text holds none).
#[must_use]
pub fn names_an_era_term(text: &str) -> bool {
    ERA_TERMS.automaton.is_match(text)
}

/// The years `text` fits, or why it fits none.
pub fn era_of(text: &str) -> Result<Era, String> {
    let mut era = Era::ALWAYS;
    let mut seen: Vec<(&EraTerm, Era)> = Vec::new();
    for (term, s) in binding_terms(text) {
        let next = Era {
            from: era.from.max(s.from),
            to: era.to.min(s.to),
        };
        if next.from > next.to {
            let others: Vec<String> = seen.iter().map(|&(t, e)| show(t, e)).collect();
            return Err(format!("era conflict: {} vs {}", show(term, s), others.join(", ")));
        }
        era = next;
        seen.push((term, s));
    }
    Ok(era)
}

/// The note saying which terms bound the era, if any did.
pub(super) fn note(text: &str, era: Era) -> Option<String> {
    let terms = binding_terms(text);
    (!terms.is_empty()).then(|| {
        let shown: Vec<String> = terms.iter().map(|&(t, e)| show(t, e)).collect();
        format!("era {}–{} from {}", era.from, era.to, shown.join(", "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersection_of_spans() {
        assert_eq!(
            era_of("深入贯彻落实科学发展观，构建和谐社会"),
            Ok(Era { from: 2003, to: 2012 })
        );
        assert_eq!(
            era_of("实现保增长、保民生、保稳定的目标，应对金融危机"),
            Ok(Era { from: 2009, to: 2010 })
        );
        assert_eq!(
            era_of("为实现中国梦而奋斗，适应经济发展新常态"),
            Ok(Era { from: 2015, to: 2100 })
        );
        assert_eq!(
            era_of("围绕脱贫攻坚，做好困难职工的精准帮扶工作"),
            Ok(Era { from: 2016, to: 2021 })
        );
        assert_eq!(era_of("工会工作大有作为"), Ok(Era::ALWAYS));
        assert!(era_of("落实科学发展观，实现中国梦").is_err());
    }

    #[test]
    fn guiding_theories_in_a_list_stay_current() {
        let text = "坚持以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想为指导";
        assert_eq!(era_of(text), Ok(Era { from: 2018, to: 2100 }));
        // A list that ends with a theory its years superseded dates from before them.
        assert_eq!(
            era_of("工会干部不仅要掌握邓小平理论、三个代表重要思想，而且要熟悉业务").map(|e| e.to),
            Ok(2008)
        );
        assert_eq!(
            era_of("坚持以邓小平理论、“三个代表”重要思想、科学发展观为指导").map(|e| (e.from, e.to)),
            Ok((2003, 2018))
        );
        // Named alone as the call of the day, it binds.
        assert_eq!(
            era_of("以邓小平理论和“三个代表”重要思想为指导，深入贯彻落实科学发展观").map(|e| e.to),
            Ok(2012)
        );
    }

    #[test]
    fn leaders() {
        assert_eq!(era_of("胡锦涛同志曾深刻指出").map(|e| e.to), Ok(2012));
        assert_eq!(era_of("习近平总书记强调").map(|e| e.from), Ok(2013));
    }
}
