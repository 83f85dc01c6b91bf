//! Word export: a draft as a .docx in the layout of GB/T 9704-2012 as offices apply it to speeches.
//!
//! The OOXML subset is written by hand on the `zip` crate, because the element order inside
//! `w:rPr`, `w:pPr` and `w:sectPr` matters: Word silently drops run properties that are out of
//! schema order, which would lose the Chinese fonts. Every writer below emits its children in the
//! order of the schema sequence (ECMA-376 Part 1, `CT_RPr`, `CT_PPrBase`, `CT_SectPr`, `CT_Style`,
//! `CT_Settings`, `CT_Font`).
//!
//! Every paragraph carries its layout twice: as a named style in styles.xml (so "clear
//! formatting" in Word keeps the official layout) and as direct formatting (so text pasted into
//! another office's template keeps its fonts).

use std::io::{Cursor, Write};
use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_spanned::Spanned;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::draft::{Draft, Style};
use crate::error::{BriefError, Error, Place, Result};

/// Font names of the six kinds of text, as Word and WPS look them up (the East Asian slot).
///
/// The defaults are the names of GB/T 9704-2012; Windows machines often have 仿宋 and 楷体 rather
/// than the `_GB2312` variants, hence a `[style]` table in the brief or `--style FILE`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DocFonts {
    /// The title: 方正小标宋简体.
    pub title: String,
    /// The speaker and date line: 楷体_GB2312.
    pub byline: String,
    /// Body text, the salutation and sub-point leads: 仿宋_GB2312.
    pub body: String,
    /// Level-1 headings (一、): 黑体.
    pub heading1: String,
    /// Level-2 headings (（一）): 楷体_GB2312.
    pub heading2: String,
    /// Page numbers at the foot: 宋体.
    pub page_number: String,
}

impl Default for DocFonts {
    fn default() -> Self {
        DocFonts {
            title: "方正小标宋简体".into(),
            byline: "楷体_GB2312".into(),
            body: "仿宋_GB2312".into(),
            heading1: "黑体".into(),
            heading2: "楷体_GB2312".into(),
            page_number: "宋体".into(),
        }
    }
}

impl DocFonts {
    /// The keys of a style table, in the order they are documented.
    pub const KEYS: [&'static str; 6] = ["title", "byline", "body", "heading1", "heading2", "page_number"];

    fn slot_mut(&mut self, key: &str) -> Option<&mut String> {
        match key {
            "title" => Some(&mut self.title),
            "byline" => Some(&mut self.byline),
            "body" => Some(&mut self.body),
            "heading1" => Some(&mut self.heading1),
            "heading2" => Some(&mut self.heading2),
            "page_number" => Some(&mut self.page_number),
            _ => None,
        }
    }

    fn slots(&self) -> [(&'static str, &str); 6] {
        [
            ("title", &self.title),
            ("byline", &self.byline),
            ("body", &self.body),
            ("heading1", &self.heading1),
            ("heading2", &self.heading2),
            ("page_number", &self.page_number),
        ]
    }

    /// The first key whose font name cannot be used, with the reason; `None` if all are usable.
    /// Callers that deserialize a `[style]` table themselves check it with this.
    #[must_use]
    pub fn invalid_field(&self) -> Option<(&'static str, String)> {
        self.slots()
            .into_iter()
            .find_map(|(key, name)| font_name_problem(name).map(|why| (key, why)))
    }
}

/// Why `name` cannot be a font name, if it cannot.
fn font_name_problem(name: &str) -> Option<String> {
    if name.trim().is_empty() {
        Some("a font name cannot be empty".into())
    } else if name.chars().count() > 31 {
        // Word keeps at most 31 characters of a font name.
        Some(format!("font name `{name}` is longer than 31 characters"))
    } else if name.chars().any(char::is_control) {
        Some("a font name cannot contain control characters".into())
    } else {
        None
    }
}

/// Reads a `--style FILE`: a TOML file with any of the keys of [`DocFonts::KEYS`], each a font
/// name; keys left out keep their defaults.
///
/// # Errors
/// The file cannot be read, is not TOML, or has a key that is not a font slot, a value that is not
/// a string, or an unusable font name; the error names the file, line, key and what is allowed.
pub fn load_style(path: &Path) -> Result<DocFonts> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_style(path, &text)
}

/// Parses the text of a style file read from `path` (see [`load_style`]).
///
/// # Errors
/// As [`load_style`].
pub fn parse_style(path: &Path, text: &str) -> Result<DocFonts> {
    let keys_help = format!("the valid keys are {}", DocFonts::KEYS.join(", "));
    let fail = |span: Option<std::ops::Range<usize>>, field: Option<String>, message: String, help: String| {
        Error::Brief(Box::new(BriefError {
            path: path.to_path_buf(),
            source_text: text.to_string(),
            place: span.map(|s| Place::of(text, s)),
            field,
            message,
            help: Some(help),
        }))
    };
    let table: IndexMap<Spanned<String>, Spanned<toml::Value>> = toml::from_str(text).map_err(|e| {
        fail(
            e.span(),
            None,
            e.message().trim().to_string(),
            format!("a style file holds font names like body = \"仿宋\"; {keys_help}"),
        )
    })?;
    let mut fonts = DocFonts::default();
    for (key, value) in &table {
        let Some(slot) = fonts.slot_mut(key.get_ref()) else {
            return Err(fail(
                Some(key.span()),
                Some(key.get_ref().clone()),
                format!("`{}` is not a font slot", key.get_ref()),
                keys_help,
            ));
        };
        let Some(name) = value.get_ref().as_str() else {
            return Err(fail(
                Some(value.span()),
                Some(key.get_ref().clone()),
                format!("`{}` must be a font name in quotes", key.get_ref()),
                format!("write it as {} = \"仿宋\"", key.get_ref()),
            ));
        };
        if let Some(why) = font_name_problem(name) {
            return Err(fail(
                Some(value.span()),
                Some(key.get_ref().clone()),
                why,
                "give the name as the font list of Word or WPS shows it, e.g. 仿宋".into(),
            ));
        }
        *slot = name.to_string();
    }
    Ok(fonts)
}

// ---------------------------------------------------------------------------------------------
// Layout of GB/T 9704-2012. Sizes in half-points, lengths in twips (1 pt = 20, 1 mm ≈ 56.7).

/// A4.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
/// Margins 37 / 35 / 28 / 26 mm.
const MARGIN_TOP: u32 = 2098;
const MARGIN_BOTTOM: u32 = 1984;
const MARGIN_LEFT: u32 = 1587;
const MARGIN_RIGHT: u32 = 1474;
/// The page number's line starts 7 mm below the text block (which ends 35 mm above the page's
/// edge); a single 四号 line is about 6 mm high, so the footer's bottom sits 22 mm above the edge.
const FOOTER_DISTANCE: u32 = 1247;
const HEADER_DISTANCE: u32 = 851;
/// 二号, 三号, 四号.
const SIZE_ERHAO: u32 = 44;
const SIZE_SANHAO: u32 = 32;
const SIZE_SIHAO: u32 = 28;
/// Fixed line spacing of 28 pt: 22 lines on a page.
const LINE_EXACT: u32 = 560;
/// Two characters of 三号 (16 pt each).
const INDENT_TWO_CHARS: u32 = 640;
/// One character of 四号: page numbers stand one character in from the edge of the text block.
const PAGE_NUMBER_INSET: u32 = 280;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

/// Run properties: one font for all four slots, a size, bold or not.
struct RunProps<'a> {
    font: &'a str,
    size: u32,
    bold: bool,
}

/// First-line or side indents of a paragraph.
#[derive(Clone, Copy)]
enum Indent {
    /// Two characters on the first line (body text, headings).
    FirstLineTwoChars,
    /// None (title, byline, salutation).
    Flush,
    /// Page numbers: one character in from the right (odd pages) or left (even pages).
    Right(u32),
    Left(u32),
}

/// Paragraph properties, written in `CT_PPrBase` order.
struct ParaProps {
    style: &'static str,
    keep_next: bool,
    /// `(line, exact)`: twips with lineRule exact, or 240ths of a line with lineRule auto.
    line: (u32, bool),
    after: u32,
    indent: Indent,
    jc: &'static str,
    outline: Option<u8>,
}

/// The layout of one kind of paragraph.
struct Layout<'a> {
    para: ParaProps,
    run: RunProps<'a>,
    /// Style name shown in Word (built-in names in English so Word recognises its headings).
    name: &'static str,
    next: &'static str,
}

fn layout(style: Style, fonts: &DocFonts) -> Layout<'_> {
    let para = |style, indent, jc| ParaProps {
        style,
        keep_next: false,
        line: (LINE_EXACT, true),
        after: 0,
        indent,
        jc,
        outline: None,
    };
    let run = |font, size| RunProps {
        font,
        size,
        bold: false,
    };
    match style {
        Style::Title => Layout {
            para: ParaProps {
                keep_next: true,
                ..para("Title", Indent::Flush, "center")
            },
            run: run(&fonts.title, SIZE_ERHAO),
            name: "Title",
            next: "Byline",
        },
        Style::Byline => Layout {
            // The blank line under the title block of the text output.
            para: ParaProps {
                keep_next: true,
                after: LINE_EXACT,
                ..para("Byline", Indent::Flush, "center")
            },
            run: run(&fonts.byline, SIZE_SANHAO),
            name: "Byline",
            next: "Salutation",
        },
        Style::Salutation => Layout {
            para: para("Salutation", Indent::Flush, "both"),
            run: run(&fonts.body, SIZE_SANHAO),
            name: "Salutation",
            next: "Normal",
        },
        Style::Heading1 => Layout {
            para: ParaProps {
                keep_next: true,
                outline: Some(0),
                ..para("Heading1", Indent::FirstLineTwoChars, "both")
            },
            run: run(&fonts.heading1, SIZE_SANHAO),
            name: "heading 1",
            next: "Normal",
        },
        Style::Heading2 => Layout {
            para: ParaProps {
                keep_next: true,
                outline: Some(1),
                ..para("Heading2", Indent::FirstLineTwoChars, "both")
            },
            run: run(&fonts.heading2, SIZE_SANHAO),
            name: "heading 2",
            next: "Normal",
        },
        Style::Body => Layout {
            para: para("Normal", Indent::FirstLineTwoChars, "both"),
            run: run(&fonts.body, SIZE_SANHAO),
            name: "Normal",
            next: "Normal",
        },
    }
}

/// Escapes text for XML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Characters XML 1.0 allows (tabs and newlines are handled before text reaches here).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `<w:rPr>` in `CT_RPr` order: rFonts, b, bCs, sz, szCs.
fn rpr(out: &mut String, run: &RunProps<'_>) {
    let font = esc(run.font);
    out.push_str("<w:rPr>");
    out.push_str(&format!(
        "<w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\" w:eastAsia=\"{font}\" w:cs=\"{font}\" w:hint=\"eastAsia\"/>"
    ));
    if run.bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    out.push_str(&format!("<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", run.size));
    out.push_str("</w:rPr>");
}

/// The children of `<w:pPr>` in `CT_PPrBase` order: pStyle, keepNext, spacing, ind, jc, outlineLvl.
/// `with_style` is false inside styles.xml, where the style is the element itself.
fn ppr_children(out: &mut String, p: &ParaProps, with_style: bool) {
    if with_style {
        out.push_str(&format!("<w:pStyle w:val=\"{}\"/>", p.style));
    }
    if p.keep_next {
        out.push_str("<w:keepNext/>");
    }
    let (line, exact) = p.line;
    let rule = if exact { "exact" } else { "auto" };
    out.push_str(&format!(
        "<w:spacing w:before=\"0\" w:after=\"{}\" w:line=\"{line}\" w:lineRule=\"{rule}\"/>",
        p.after
    ));
    out.push_str(&match p.indent {
        Indent::FirstLineTwoChars => {
            format!("<w:ind w:firstLineChars=\"200\" w:firstLine=\"{INDENT_TWO_CHARS}\"/>")
        }
        Indent::Flush => "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>".to_string(),
        Indent::Right(n) => format!("<w:ind w:right=\"{n}\" w:firstLineChars=\"0\" w:firstLine=\"0\"/>"),
        Indent::Left(n) => format!("<w:ind w:left=\"{n}\" w:firstLineChars=\"0\" w:firstLine=\"0\"/>"),
    });
    out.push_str(&format!("<w:jc w:val=\"{}\"/>", p.jc));
    if let Some(level) = p.outline {
        out.push_str(&format!("<w:outlineLvl w:val=\"{level}\"/>"));
    }
}

/// Runs for `text`: one `w:t` per stretch, `w:br` for a newline and `w:tab` for a tab.
fn text_runs(out: &mut String, text: &str, run: &RunProps<'_>) {
    out.push_str("<w:r>");
    rpr(out, run);
    let mut pieces = text.split('\n').peekable();
    while let Some(line) = pieces.next() {
        let mut tabs = line.split('\t').peekable();
        while let Some(chunk) = tabs.next() {
            let chunk = esc(chunk);
            if !chunk.is_empty() {
                out.push_str(&format!("<w:t xml:space=\"preserve\">{chunk}</w:t>"));
            }
            if tabs.peek().is_some() {
                out.push_str("<w:tab/>");
            }
        }
        if pieces.peek().is_some() {
            out.push_str("<w:br/>");
        }
    }
    out.push_str("</w:r>");
}

/// The length of the bold lead of a paragraph, cut back to a character boundary and the text.
fn lead_end(text: &str, lead_len: usize) -> usize {
    let mut end = lead_len.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

fn paragraph(out: &mut String, text: &str, style: Style, lead_len: usize, fonts: &DocFonts) {
    let Layout { para, run, .. } = layout(style, fonts);
    out.push_str("<w:p><w:pPr>");
    ppr_children(out, &para, true);
    out.push_str("</w:pPr>");
    let text = text.trim_end_matches(['\r', '\n']);
    let lead = if style == Style::Body {
        lead_end(text, lead_len)
    } else {
        0
    };
    if lead > 0 {
        text_runs(out, &text[..lead], &RunProps { bold: true, ..run });
    }
    if lead < text.len() {
        text_runs(out, &text[lead..], &run);
    }
    out.push_str("</w:p>");
}

fn document_xml(draft: &Draft, fonts: &DocFonts) -> String {
    let mut out = String::with_capacity(draft.text.len() * 3 + 4096);
    out.push_str(XML_DECL);
    out.push_str(&format!("<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>"));
    for p in draft.paragraphs() {
        paragraph(&mut out, &p.text.replace("\r\n", "\n"), p.style, p.lead_len, fonts);
        out.push('\n');
    }
    // CT_SectPr order: footerReference*, pgSz, pgMar, pgNumType, cols, docGrid.
    out.push_str("<w:sectPr>");
    out.push_str("<w:footerReference w:type=\"default\" r:id=\"rId3\"/>");
    out.push_str("<w:footerReference w:type=\"even\" r:id=\"rId4\"/>");
    out.push_str(&format!("<w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\"/>"));
    out.push_str(&format!(
        "<w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" w:left=\"{MARGIN_LEFT}\" w:header=\"{HEADER_DISTANCE}\" w:footer=\"{FOOTER_DISTANCE}\" w:gutter=\"0\"/>"
    ));
    out.push_str("<w:pgNumType w:fmt=\"decimal\" w:start=\"1\"/>");
    out.push_str("<w:cols w:space=\"425\"/>");
    out.push_str(&format!("<w:docGrid w:type=\"lines\" w:linePitch=\"{LINE_EXACT}\"/>"));
    out.push_str("</w:sectPr></w:body></w:document>");
    out
}

fn footer_layout(odd: bool) -> ParaProps {
    ParaProps {
        style: "Footer",
        keep_next: false,
        line: (240, false),
        after: 0,
        indent: if odd {
            Indent::Right(PAGE_NUMBER_INSET)
        } else {
            Indent::Left(PAGE_NUMBER_INSET)
        },
        jc: if odd { "right" } else { "left" },
        outline: None,
    }
}

/// A footer with "— N —": odd pages right, even pages left.
fn footer_xml(odd: bool, fonts: &DocFonts) -> String {
    let run = RunProps {
        font: &fonts.page_number,
        size: SIZE_SIHAO,
        bold: false,
    };
    let mut out = String::new();
    out.push_str(XML_DECL);
    out.push_str(&format!("<w:ftr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p><w:pPr>"));
    ppr_children(&mut out, &footer_layout(odd), true);
    out.push_str("</w:pPr>");
    let field_run = |out: &mut String, inner: &str| {
        out.push_str("<w:r>");
        rpr(out, &run);
        out.push_str(inner);
        out.push_str("</w:r>");
    };
    field_run(&mut out, "<w:t xml:space=\"preserve\">\u{2014} </w:t>");
    field_run(&mut out, "<w:fldChar w:fldCharType=\"begin\"/>");
    field_run(&mut out, "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>");
    field_run(&mut out, "<w:fldChar w:fldCharType=\"separate\"/>");
    field_run(&mut out, if odd { "<w:t>1</w:t>" } else { "<w:t>2</w:t>" });
    field_run(&mut out, "<w:fldChar w:fldCharType=\"end\"/>");
    field_run(&mut out, "<w:t xml:space=\"preserve\"> \u{2014}</w:t>");
    out.push_str("</w:p></w:ftr>");
    out
}

/// One `w:style` in `CT_Style` order: name, basedOn, next, uiPriority, qFormat, pPr, rPr.
fn style_xml(out: &mut String, id: &str, name: &str, next: &str, default: bool, para: &ParaProps, run: &RunProps<'_>) {
    let default = if default { " w:default=\"1\"" } else { "" };
    out.push_str(&format!("<w:style w:type=\"paragraph\"{default} w:styleId=\"{id}\">"));
    out.push_str(&format!("<w:name w:val=\"{name}\"/>"));
    if id != "Normal" {
        out.push_str("<w:basedOn w:val=\"Normal\"/>");
    }
    out.push_str(&format!("<w:next w:val=\"{next}\"/>"));
    out.push_str("<w:qFormat/><w:pPr>");
    ppr_children(out, para, false);
    out.push_str("</w:pPr>");
    rpr(out, run);
    out.push_str("</w:style>\n");
}

fn styles_xml(fonts: &DocFonts) -> String {
    let mut out = String::new();
    out.push_str(XML_DECL);
    out.push_str(&format!("<w:styles xmlns:w=\"{W_NS}\">"));
    let body = layout(Style::Body, fonts);
    out.push_str("<w:docDefaults><w:rPrDefault><w:rPr>");
    let font = esc(&fonts.body);
    out.push_str(&format!(
        "<w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\" w:eastAsia=\"{font}\" w:cs=\"{font}\" w:hint=\"eastAsia\"/>"
    ));
    out.push_str(&format!(
        "<w:kern w:val=\"2\"/><w:sz w:val=\"{SIZE_SANHAO}\"/><w:szCs w:val=\"{SIZE_SANHAO}\"/>"
    ));
    out.push_str("<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>");
    out.push_str("</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>");
    // Official documents keep 22 lines on every page: no widow and orphan control.
    out.push_str("<w:widowControl w:val=\"0\"/>");
    out.push_str("</w:pPr></w:pPrDefault></w:docDefaults>\n");
    for style in [
        Style::Body,
        Style::Title,
        Style::Byline,
        Style::Salutation,
        Style::Heading1,
        Style::Heading2,
    ] {
        let l = if style == Style::Body {
            &body
        } else {
            &layout(style, fonts)
        };
        style_xml(
            &mut out,
            l.para.style,
            l.name,
            l.next,
            style == Style::Body,
            &l.para,
            &l.run,
        );
    }
    let page = RunProps {
        font: &fonts.page_number,
        size: SIZE_SIHAO,
        bold: false,
    };
    style_xml(
        &mut out,
        "Footer",
        "footer",
        "Footer",
        false,
        &footer_layout(true),
        &page,
    );
    out.push_str(
        "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\n",
    );
    out.push_str("</w:styles>");
    out
}

fn settings_xml() -> String {
    // CT_Settings order: zoom, defaultTabStop, evenAndOddHeaders, characterSpacingControl, compat,
    // themeFontLang.
    format!(
        "{XML_DECL}<w:settings xmlns:w=\"{W_NS}\"><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:settings>"
    )
}

/// The font table: every font used, declared as a Simplified Chinese (GB2312, charset 86) font so
/// that Word substitutes a Chinese font when one is missing.
fn font_table_xml(fonts: &DocFonts) -> String {
    let mut names: Vec<&str> = Vec::new();
    for (_, name) in fonts.slots() {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let mut out = format!("{XML_DECL}<w:fonts xmlns:w=\"{W_NS}\">");
    for name in names {
        // CT_Font order: charset, family, pitch.
        out.push_str(&format!(
            "<w:font w:name=\"{}\"><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font>",
            esc(name)
        ));
    }
    out.push_str("</w:fonts>");
    out
}

const CONTENT_TYPES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>",
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>",
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>",
    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>",
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>",
    "</Types>"
);

const PACKAGE_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>",
    "</Relationships>"
);

const DOCUMENT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>",
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>",
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/>",
    "<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>",
    "</Relationships>"
);

const APP_XML: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"/>"
);

/// Core properties: the title only (no dates, so the same draft gives the same bytes).
fn core_xml(title: &str) -> String {
    format!(
        "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title></cp:coreProperties>",
        esc(title)
    )
}

/// The parts of the package in the order they are written.
fn parts(draft: &Draft, fonts: &DocFonts) -> Vec<(&'static str, String)> {
    vec![
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", PACKAGE_RELS.to_string()),
        ("docProps/core.xml", core_xml(&draft.title)),
        ("docProps/app.xml", APP_XML.to_string()),
        ("word/document.xml", document_xml(draft, fonts)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", styles_xml(fonts)),
        ("word/settings.xml", settings_xml()),
        ("word/fontTable.xml", font_table_xml(fonts)),
        ("word/footer1.xml", footer_xml(true, fonts)),
        ("word/footer2.xml", footer_xml(false, fonts)),
    ]
}

/// Renders `draft` as a Word document (.docx bytes) in the official layout, with `fonts`.
/// The same draft and fonts give the same bytes.
///
/// # Errors
/// A font name is unusable (see [`DocFonts::invalid_field`]), or the zip writer failed.
pub fn to_docx(draft: &Draft, fonts: &DocFonts) -> Result<Vec<u8>> {
    if let Some((key, why)) = fonts.invalid_field() {
        return Err(Error::Usage(format!("style.{key}: {why}")));
    }
    let zip_error = |e: &dyn std::fmt::Display| Error::Message(format!("writing the Word document failed: {e}"));
    // A fixed timestamp (1980-01-01) and fixed permissions: no trace of when or where it was made.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts(draft, fonts) {
        zip.start_file(name, options).map_err(|e| zip_error(&e))?;
        zip.write_all(content.as_bytes()).map_err(|e| zip_error(&e))?;
    }
    let cursor = zip.finish().map_err(|e| zip_error(&e))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_characters_xml_forbids() {
        assert_eq!(esc("A&B <C> \"d\"\u{1}\u{FFFF}"), "A&amp;B &lt;C&gt; &quot;d&quot;");
    }

    #[test]
    fn lead_is_cut_back_to_a_character_boundary() {
        let text = "一是抓学习。";
        assert_eq!(lead_end(text, 4), 3);
        assert_eq!(lead_end(text, 100), text.len());
        assert_eq!(lead_end(text, 0), 0);
    }

    #[test]
    fn style_file_keeps_defaults_for_keys_left_out() {
        let fonts = parse_style(Path::new("s.toml"), "body = \"仿宋\"\nheading2 = \"楷体\"\n").expect("valid");
        assert_eq!(fonts.body, "仿宋");
        assert_eq!(fonts.heading2, "楷体");
        assert_eq!(fonts.title, DocFonts::default().title);
    }

    #[test]
    fn unknown_style_key_names_file_line_key_and_valid_keys() {
        let err = parse_style(Path::new("s.toml"), "body = \"仿宋\"\nbody_font = \"仿宋\"\n").expect_err("unknown key");
        let Error::Brief(b) = &err else {
            panic!("expected a brief error, got {err:?}");
        };
        assert_eq!(b.field.as_deref(), Some("body_font"));
        assert_eq!(b.place.as_ref().map(|p| p.line), Some(2));
        let shown = err.to_string();
        assert!(shown.starts_with("s.toml:2:1"), "{shown}");
        assert!(shown.contains("heading1") && shown.contains("page_number"), "{shown}");
    }

    #[test]
    fn style_values_must_be_usable_font_names() {
        for bad in ["body = 3", "body = \"\"", "body = \"  \"", "[body]\nx = 1"] {
            assert!(parse_style(Path::new("s.toml"), bad).is_err(), "{bad}");
        }
        assert!(parse_style(Path::new("s.toml"), "body = ").is_err());
    }
}
