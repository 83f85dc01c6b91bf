//! Chinese numerals and the numbering styles of official text.

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A number 0..=99 in Chinese numerals as used in ordinals and headings (一, 十, 十二, 二十, 九十九).
/// Larger numbers fall back to Arabic digits: headings never count that far.
#[must_use]
pub fn cn_num(n: u32) -> String {
    let mut s = String::with_capacity(9);
    push_cn_num(&mut s, n);
    s
}

/// Appends [`cn_num`]`(n)` to `out`.
fn push_cn_num(out: &mut String, n: u32) {
    match n {
        0..=9 => out.push(DIGITS[n as usize]),
        10..=99 => {
            if n >= 20 {
                out.push(DIGITS[(n / 10) as usize]);
            }
            out.push('十');
            if !n.is_multiple_of(10) {
                out.push(DIGITS[(n % 10) as usize]);
            }
        }
        _ => out.push_str(&n.to_string()),
    }
}

/// `n` as a count before a measure word: 两 for two (两点意见, not 二点意见), else [`cn_num`].
#[must_use]
pub fn count_cn(n: u32) -> String {
    if n == 2 { "两".to_string() } else { cn_num(n) }
}

/// A year digit by digit, as in formal dates: 2026 → 二〇二六.
#[must_use]
pub fn cn_year(year: u32) -> String {
    year.to_string()
        .chars()
        .map(|c| match c {
            '0' => '〇',
            d => DIGITS[d.to_digit(10).unwrap_or(0) as usize],
        })
        .collect()
}

/// The value of a Chinese numeral 一..九十九 (also 〇/零), or `None`.
#[must_use]
pub fn parse_cn_num(s: &str) -> Option<u32> {
    let digit = |c: char| {
        DIGITS
            .iter()
            .position(|&d| d == c)
            .map(|p| p as u32)
            .or((c == '〇').then_some(0))
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => digit(*u).map(|u| 10 + u),
        [t, '十'] => digit(*t).filter(|&t| t > 1).map(|t| t * 10),
        [t, '十', u] => Some(digit(*t).filter(|&t| t > 1)? * 10 + digit(*u).filter(|&u| u > 0)?),
        _ => None,
    }
}

/// The numbering style of a list of sub-points; one style is kept within a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubStyle {
    /// 一是…二是…
    Shi,
    /// 一要…二要…
    Yao,
    /// 1.…2.…
    Arabic,
    /// （一）…（二）…
    Paren,
}

/// Appends the marker of item `n` (1-based) in `style` to `out`: 一是, 一要, 1., （一）.
pub fn push_sub_marker(out: &mut String, style: SubStyle, n: u32) {
    match style {
        SubStyle::Shi | SubStyle::Yao => {
            push_cn_num(out, n);
            out.push(if style == SubStyle::Shi { '是' } else { '要' });
        }
        SubStyle::Arabic => {
            out.push_str(&n.to_string());
            out.push('.');
        }
        SubStyle::Paren => {
            out.push('（');
            push_cn_num(out, n);
            out.push('）');
        }
    }
}

/// The marker of a main point: 一、二、…
#[must_use]
pub fn point_marker(n: u32) -> String {
    let mut s = String::with_capacity(12);
    push_cn_num(&mut s, n);
    s.push('、');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_say_two_as_liang() {
        assert_eq!(count_cn(2), "两");
        assert_eq!(count_cn(3), "三");
        assert_eq!(count_cn(12), "十二");
    }

    #[test]
    fn numerals() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (16, "十六"),
            (20, "二十"),
            (23, "二十三"),
            (99, "九十九"),
        ];
        for (n, s) in cases {
            assert_eq!(cn_num(n), s);
            assert_eq!(parse_cn_num(s), Some(n));
        }
        assert_eq!(parse_cn_num("一十"), None);
        assert_eq!(parse_cn_num("甲"), None);
    }

    #[test]
    fn formal_year() {
        assert_eq!(cn_year(2026), "二〇二六");
        assert_eq!(cn_year(2010), "二〇一〇");
    }

    #[test]
    fn markers() {
        let marker = |style, n| {
            let mut s = String::new();
            push_sub_marker(&mut s, style, n);
            s
        };
        assert_eq!(marker(SubStyle::Shi, 3), "三是");
        assert_eq!(marker(SubStyle::Yao, 12), "十二要");
        assert_eq!(marker(SubStyle::Arabic, 2), "2.");
        assert_eq!(marker(SubStyle::Paren, 4), "（四）");
        assert_eq!(point_marker(5), "五、");
    }
}
