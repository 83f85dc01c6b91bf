//! Exact and near-duplicate detection of units: character 3-gram shingles, Jaccard similarity,
//! candidates found by MinHash bands so that cost stays linear in the number of units. The first
//! unit seen is kept; later duplicates are reported with the source of the one kept.

use std::collections::HashMap;

use crate::rng::fnv1a;

/// Units at least this similar (Jaccard over character 3-grams) are near-duplicates.
pub const NEAR: f64 = 0.8;

const BANDS: usize = 10;
const ROWS: usize = 3;

/// The units kept so far, indexed for duplicate lookups.
#[derive(Debug, Default)]
pub struct Deduper {
    exact: HashMap<u64, usize>,
    bands: HashMap<(usize, u64), Vec<usize>>,
    shingles: Vec<Vec<u64>>,
    sources: Vec<String>,
}

/// The characters that carry content: letters, digits and Chinese characters, without
/// punctuation and spaces.
fn normalise(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            c.is_ascii_alphanumeric()
                || (c as u32 >= 0x3400 && !matches!(c as u32, 0xFE30..=0xFE6F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65))
        })
        .collect()
}

fn shingles(chars: &[char]) -> Vec<u64> {
    let mut out: Vec<u64> = if chars.len() < 3 {
        vec![fnv1a(chars.iter().collect::<String>().as_bytes())]
    } else {
        chars
            .windows(3)
            .map(|w| {
                let mut buf = [0u8; 12];
                let mut n = 0;
                for c in w {
                    n += c.encode_utf8(&mut buf[n..]).len();
                }
                fnv1a(&buf[..n])
            })
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser: a fixed permutation, stable across platforms and versions.
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn band_keys(shingles: &[u64]) -> Vec<(usize, u64)> {
    // One well-mixed hash per shingle, then one multiply per permutation (odd multipliers over
    // distinct offsets: a cheap family that is good enough for candidate finding; every
    // candidate is confirmed by its exact Jaccard similarity).
    let mut seeds = [(0u64, 0u64); BANDS * ROWS];
    for (k, seed) in seeds.iter_mut().enumerate() {
        *seed = (mix(k as u64 + 1) | 1, mix(k as u64 + 1001));
    }
    let mut mins = [u64::MAX; BANDS * ROWS];
    for &s in shingles {
        let s = mix(s);
        for (m, (a, b)) in mins.iter_mut().zip(&seeds) {
            let h = (s ^ b).wrapping_mul(*a);
            if h < *m {
                *m = h;
            }
        }
    }
    (0..BANDS)
        .map(|b| {
            let mut h = 0xcbf2_9ce4_8422_2325u64;
            for r in 0..ROWS {
                h = mix(h ^ mins[b * ROWS + r]);
            }
            (b, h)
        })
        .collect()
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 { 1.0 } else { common as f64 / union as f64 }
}

impl Deduper {
    /// A fresh index.
    #[must_use]
    pub fn new() -> Deduper {
        Deduper::default()
    }

    /// If `text` duplicates a unit kept before, the source of that unit; otherwise records `text`
    /// as kept (from `source`) and returns `None`.
    pub fn check(&mut self, text: &str, source: &str) -> Option<String> {
        let chars = normalise(text);
        let key = fnv1a(chars.iter().collect::<String>().as_bytes());
        if let Some(&k) = self.exact.get(&key) {
            return Some(self.sources[k].clone());
        }
        let sh = shingles(&chars);
        let keys = band_keys(&sh);
        let mut best: Option<usize> = None;
        for key in &keys {
            if let Some(list) = self.bands.get(key) {
                for &k in list {
                    if jaccard(&sh, &self.shingles[k]) >= NEAR && best.is_none_or(|b| k < b) {
                        best = Some(k);
                    }
                }
            }
        }
        if let Some(k) = best {
            return Some(self.sources[k].clone());
        }
        let id = self.sources.len();
        self.exact.insert(key, id);
        for key in keys {
            self.bands.entry(key).or_default().push(id);
        }
        self.shingles.push(sh);
        self.sources.push(source.to_string());
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_near_duplicates_are_caught() {
        let mut d = Deduper::new();
        let a = "工人阶级是推动我国先进生产力发展和社会全面进步的根本力量，是实现和发展广大人民根本利益的坚定力量。";
        assert_eq!(d.check(a, "a:1"), None);
        assert_eq!(d.check(&format!("{a} "), "b:1").as_deref(), Some("a:1"));
        let near = a.replace("我国", "全国");
        assert_eq!(d.check(&near, "c:1").as_deref(), Some("a:1"));
        assert_eq!(d.check("各级工会要积极开展劳动竞赛。", "d:1"), None);
    }
}
