//! Word export: the package, the official layout in the XML, schema order, determinism, and a
//! render through LibreOffice.

use std::io::Read;
use std::path::Path;

use jianggao::bank::Kind;
use jianggao::draft::{Draft, Paragraph, Section, Style};
use jianggao::export::docx::{DocFonts, load_style, to_docx};

use crate::support::at;

fn para(text: &str, style: Style) -> Paragraph {
    Paragraph {
        text: text.to_string(),
        phrases: Vec::new(),
        style,
        lead_len: 0,
    }
}

/// A body paragraph whose sub-point lead runs to the first 。 (一是…。).
fn led(text: &str) -> Paragraph {
    let lead_len = text.find('。').map_or(0, |i| i + '。'.len_utf8());
    Paragraph {
        lead_len,
        ..para(text, Style::Body)
    }
}

fn draft_of(title: &str, sections: Vec<Section>) -> Draft {
    Draft {
        seed: 7,
        kind: Kind::LeaderSpeech,
        title: title.to_string(),
        text: Draft::plain_text(&sections),
        bank: "test".into(),
        sections,
        warnings: Vec::new(),
    }
}

fn section(role: &str, paragraphs: Vec<Paragraph>) -> Section {
    Section {
        role: role.into(),
        heading: None,
        paragraphs,
        seed: 1,
    }
}

/// A short draft with every style, a lead, and text that needs escaping.
fn small_draft() -> Draft {
    let title = "在全县工会工作会议上的讲话 & <总结>";
    draft_of(
        title,
        vec![
            section(
                "title",
                vec![para(title, Style::Title), para("（2026年2月10日）", Style::Byline)],
            ),
            section(
                "opening",
                vec![
                    para("同志们：", Style::Salutation),
                    para("今天召开全县工会工作会议，主要任务是总结工作、部署任务。", Style::Body),
                ],
            ),
            section(
                "point/1",
                vec![
                    para("一、提高认识，增强做好工会工作的责任感", Style::Heading1),
                    para("（一）把握新形势新任务", Style::Heading2),
                    led("一是抓学习。各级工会要把学习贯彻会议精神作为首要任务，职工满意率达到98.5%。"),
                    led("二是抓落实。要把“安康杯”竞赛和<职工之家>建设结合起来。"),
                ],
            ),
            section("closing", vec![para("同志们，让我们奋发有为！谢谢大家！", Style::Body)]),
        ],
    )
}

/// A draft of about 4,000 characters from a speech of the corpus: headings, 一要… leads, body.
fn corpus_draft(max_chars: usize) -> Draft {
    let text = std::fs::read_to_string(at("corpus/001_91179ee1406651b9.txt")).expect("corpus file");
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().expect("a title line").to_string();
    let mut paragraphs = vec![para(&title, Style::Title), para("（2016年3月10日）", Style::Byline)];
    let mut chars = 0;
    for line in lines {
        if chars >= max_chars {
            break;
        }
        chars += line.chars().count();
        let first: String = line.chars().take(2).collect();
        let p = if line.ends_with('：') && line.chars().count() < 12 {
            para(line, Style::Salutation)
        } else if first.ends_with('、') {
            para(line, Style::Heading1)
        } else if first.ends_with('要') || first.ends_with('是') {
            led(line)
        } else {
            para(line, Style::Body)
        };
        paragraphs.push(p);
    }
    draft_of(&title, vec![section("all", paragraphs)])
}

/// The parts of a .docx, in the order they are stored.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("an entry");
            let mut text = String::new();
            file.read_to_string(&mut text).expect("UTF-8 XML");
            (file.name().to_string(), text)
        })
        .collect()
}

fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    parts
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, t)| t.as_str())
        .unwrap_or_else(|| panic!("part {name} missing"))
}

fn docx_parts(draft: &Draft, fonts: &DocFonts) -> Vec<(String, String)> {
    unzip(&to_docx(draft, fonts).expect("renders"))
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn w_attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name((W, name)))
}

fn val_of(node: roxmltree::Node<'_, '_>, path: &[&str], attr: &str) -> Option<String> {
    let mut n = node;
    for step in path {
        n = child(n, step)?;
    }
    w_attr(n, attr).map(str::to_string)
}

/// What a paragraph of each style must look like: font, size, alignment, first-line indent.
struct Expect {
    font: String,
    size: &'static str,
    jc: &'static str,
    indented: bool,
}

fn expected(style_id: &str, fonts: &DocFonts) -> Expect {
    let e = |font: &str, size, jc, indented| Expect {
        font: font.to_string(),
        size,
        jc,
        indented,
    };
    match style_id {
        "Title" => e(&fonts.title, "44", "center", false),
        "Byline" => e(&fonts.byline, "32", "center", false),
        "Salutation" => e(&fonts.body, "32", "both", false),
        "Heading1" => e(&fonts.heading1, "32", "both", true),
        "Heading2" => e(&fonts.heading2, "32", "both", true),
        "Normal" => e(&fonts.body, "32", "both", true),
        other => panic!("unexpected paragraph style {other}"),
    }
}

fn check_rfonts(rpr: roxmltree::Node<'_, '_>, font: &str, what: &str) {
    let rfonts = child(rpr, "rFonts").unwrap_or_else(|| panic!("{what}: no rFonts"));
    for slot in ["eastAsia", "ascii", "hAnsi"] {
        assert_eq!(w_attr(rfonts, slot), Some(font), "{what}: rFonts {slot}");
    }
    assert_eq!(w_attr(rfonts, "hint"), Some("eastAsia"), "{what}: rFonts hint");
}

/// Checks every paragraph of document.xml against the layout of its style, and returns the
/// paragraphs' texts with the bold part of each.
fn check_document(xml: &str, fonts: &DocFonts) -> Vec<(String, String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("document.xml is XML");
    let body = child(doc.root_element(), "body").expect("w:body");
    let mut out = Vec::new();
    for p in body.children().filter(|n| n.has_tag_name((W, "p"))) {
        let ppr = child(p, "pPr").expect("every paragraph has pPr");
        let style = val_of(ppr, &["pStyle"], "val").expect("every paragraph names its style");
        let want = expected(&style, fonts);
        assert_eq!(
            val_of(ppr, &["spacing"], "line").as_deref(),
            Some("560"),
            "{style}: line"
        );
        assert_eq!(
            val_of(ppr, &["spacing"], "lineRule").as_deref(),
            Some("exact"),
            "{style}"
        );
        assert_eq!(val_of(ppr, &["jc"], "val").as_deref(), Some(want.jc), "{style}: jc");
        let (chars, twips) = if want.indented { ("200", "640") } else { ("0", "0") };
        assert_eq!(
            val_of(ppr, &["ind"], "firstLineChars").as_deref(),
            Some(chars),
            "{style}"
        );
        assert_eq!(val_of(ppr, &["ind"], "firstLine").as_deref(), Some(twips), "{style}");
        let (mut text, mut bold) = (String::new(), String::new());
        for r in p.children().filter(|n| n.has_tag_name((W, "r"))) {
            let rpr = child(r, "rPr").expect("every run has rPr");
            check_rfonts(rpr, &want.font, &style);
            assert_eq!(val_of(rpr, &["sz"], "val").as_deref(), Some(want.size), "{style}: sz");
            assert_eq!(
                val_of(rpr, &["szCs"], "val").as_deref(),
                Some(want.size),
                "{style}: szCs"
            );
            let is_bold = child(rpr, "b").is_some();
            if is_bold {
                assert_eq!(style, "Normal", "only body text has bold leads");
            }
            for t in r.children().filter(|n| n.has_tag_name((W, "t"))) {
                let s = t.text().unwrap_or("");
                text.push_str(s);
                if is_bold {
                    bold.push_str(s);
                }
            }
        }
        out.push((style, text, bold));
    }
    out
}

#[test]
fn package_has_its_parts_in_a_fixed_order() {
    let names: Vec<String> = docx_parts(&small_draft(), &DocFonts::default())
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/settings.xml",
            "word/fontTable.xml",
            "word/footer1.xml",
            "word/footer2.xml",
        ]
    );
}

#[test]
fn every_part_is_xml_and_every_relationship_target_exists() {
    let parts = docx_parts(&small_draft(), &DocFonts::default());
    for (name, xml) in &parts {
        roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{name} is not XML: {e}"));
    }
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    for (rels, base) in [("_rels/.rels", ""), ("word/_rels/document.xml.rels", "word/")] {
        let doc = roxmltree::Document::parse(part(&parts, rels)).expect("rels");
        for r in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
            let target = format!("{base}{}", r.attribute("Target").expect("Target"));
            assert!(names.contains(&target.as_str()), "{rels} points to missing {target}");
        }
    }
    let types = part(&parts, "[Content_Types].xml");
    for name in names.iter().filter(|n| !n.ends_with(".rels") && !n.starts_with('[')) {
        assert!(
            types.contains(&format!("PartName=\"/{name}\"")),
            "{name} has no content type"
        );
    }
}

#[test]
fn page_is_a4_with_official_margins_and_odd_even_footers() {
    let parts = docx_parts(&small_draft(), &DocFonts::default());
    let doc = roxmltree::Document::parse(part(&parts, "word/document.xml")).expect("XML");
    let sect = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "sectPr")))
        .expect("sectPr");
    assert_eq!(val_of(sect, &["pgSz"], "w").as_deref(), Some("11906"));
    assert_eq!(val_of(sect, &["pgSz"], "h").as_deref(), Some("16838"));
    for (side, twips) in [("top", "2098"), ("bottom", "1984"), ("left", "1587"), ("right", "1474")] {
        assert_eq!(val_of(sect, &["pgMar"], side).as_deref(), Some(twips), "margin {side}");
    }
    let rels = roxmltree::Document::parse(part(&parts, "word/_rels/document.xml.rels")).expect("XML");
    let target = |id: &str| {
        rels.descendants()
            .find(|n| n.attribute("Id") == Some(id))
            .and_then(|n| n.attribute("Target"))
            .map(str::to_string)
    };
    let r_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut footers = Vec::new();
    for f in sect.children().filter(|n| n.has_tag_name((W, "footerReference"))) {
        let id = f.attribute((r_ns, "id")).expect("r:id");
        footers.push((
            w_attr(f, "type").unwrap_or("").to_string(),
            target(id).expect("a footer part"),
        ));
    }
    assert_eq!(
        footers,
        [
            ("default".into(), "footer1.xml".into()),
            ("even".into(), "footer2.xml".into())
        ]
    );
    let settings = roxmltree::Document::parse(part(&parts, "word/settings.xml")).expect("XML");
    assert!(settings.descendants().any(|n| n.has_tag_name((W, "evenAndOddHeaders"))));
}

#[test]
fn page_numbers_are_dashed_page_fields_right_on_odd_left_on_even() {
    let fonts = DocFonts::default();
    let parts = docx_parts(&small_draft(), &fonts);
    for (name, jc, side) in [
        ("word/footer1.xml", "right", "right"),
        ("word/footer2.xml", "left", "left"),
    ] {
        let doc = roxmltree::Document::parse(part(&parts, name)).expect("XML");
        let p = doc
            .descendants()
            .find(|n| n.has_tag_name((W, "p")))
            .expect("a paragraph");
        let ppr = child(p, "pPr").expect("pPr");
        assert_eq!(val_of(ppr, &["jc"], "val").as_deref(), Some(jc), "{name}");
        // One character (四号, 14 pt) in from the edge of the text block.
        assert_eq!(val_of(ppr, &["ind"], side).as_deref(), Some("280"), "{name}");
        let mut shown = String::new();
        for r in p.children().filter(|n| n.has_tag_name((W, "r"))) {
            let rpr = child(r, "rPr").expect("rPr");
            check_rfonts(rpr, &fonts.page_number, name);
            assert_eq!(val_of(rpr, &["sz"], "val").as_deref(), Some("28"), "{name}: 四号");
            for c in r.children().filter(|c| c.is_element()) {
                match c.tag_name().name() {
                    "t" => shown.push_str(c.text().unwrap_or("")),
                    "fldChar" => shown.push_str(&format!("[{}]", w_attr(c, "fldCharType").unwrap_or(""))),
                    "instrText" => shown.push_str(&format!("[{}]", c.text().unwrap_or("").trim())),
                    "rPr" => {}
                    other => panic!("{name}: unexpected run child {other}"),
                }
            }
        }
        let cached = if jc == "right" { "1" } else { "2" };
        assert_eq!(shown, format!("— [begin][PAGE][separate]{cached}[end] —"), "{name}");
    }
}

#[test]
fn paragraphs_carry_fonts_sizes_spacing_and_indents_of_their_style() {
    let fonts = DocFonts::default();
    let draft = small_draft();
    let parts = docx_parts(&draft, &fonts);
    let seen = check_document(part(&parts, "word/document.xml"), &fonts);
    let styles: Vec<&str> = seen.iter().map(|(s, _, _)| s.as_str()).collect();
    assert_eq!(
        styles,
        [
            "Title",
            "Byline",
            "Salutation",
            "Normal",
            "Heading1",
            "Heading2",
            "Normal",
            "Normal",
            "Normal"
        ]
    );
    let texts: Vec<&str> = seen.iter().map(|(_, t, _)| t.as_str()).collect();
    let want: Vec<&str> = draft.paragraphs().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, want, "text (with & < > in it) survives escaping");
    let bold: Vec<&str> = seen
        .iter()
        .map(|(_, _, b)| b.as_str())
        .filter(|b| !b.is_empty())
        .collect();
    assert_eq!(bold, ["一是抓学习。", "二是抓落实。"]);
}

#[test]
fn styles_define_the_official_layout() {
    let fonts = DocFonts::default();
    let parts = docx_parts(&small_draft(), &fonts);
    let doc = roxmltree::Document::parse(part(&parts, "word/styles.xml")).expect("XML");
    let mut ids = Vec::new();
    for s in doc.descendants().filter(|n| n.has_tag_name((W, "style"))) {
        let id = w_attr(s, "styleId").expect("styleId");
        ids.push(id.to_string());
        if w_attr(s, "type") != Some("paragraph") || id == "Footer" {
            continue;
        }
        let want = expected(id, &fonts);
        let ppr = child(s, "pPr").expect("pPr");
        let rpr = child(s, "rPr").expect("rPr");
        check_rfonts(rpr, &want.font, id);
        assert_eq!(val_of(rpr, &["sz"], "val").as_deref(), Some(want.size), "{id}");
        assert_eq!(val_of(ppr, &["spacing"], "line").as_deref(), Some("560"), "{id}");
        assert_eq!(val_of(ppr, &["spacing"], "lineRule").as_deref(), Some("exact"), "{id}");
        assert_eq!(val_of(ppr, &["jc"], "val").as_deref(), Some(want.jc), "{id}");
        let chars = if want.indented { "200" } else { "0" };
        assert_eq!(val_of(ppr, &["ind"], "firstLineChars").as_deref(), Some(chars), "{id}");
    }
    assert_eq!(
        ids,
        [
            "Normal",
            "Title",
            "Byline",
            "Salutation",
            "Heading1",
            "Heading2",
            "Footer",
            "DefaultParagraphFont"
        ]
    );
    let defaults = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "rPrDefault")))
        .expect("rPrDefault");
    let rpr = child(defaults, "rPr").expect("rPr");
    check_rfonts(rpr, &fonts.body, "docDefaults");
    assert_eq!(val_of(rpr, &["lang"], "eastAsia").as_deref(), Some("zh-CN"));
}

/// The schema sequences (ECMA-376 Part 1, transitional) of the elements whose child order Word
/// enforces. Children must appear in this order; each name at most where the schema allows.
const CT_RPR: &[&str] = &[
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];
const CT_PPR: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];
const CT_SECTPR: &[&str] = &[
    "headerReference|footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];
const CT_STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];
const CT_SETTINGS: &[&str] = &[
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
];
const CT_FONT: &[&str] = &[
    "altName",
    "panose1",
    "charset",
    "family",
    "notTrueType",
    "pitch",
    "sig",
    "embedRegular",
];
const CT_R: &[&str] = &["rPr", "t|fldChar|instrText|br|tab"];
const CT_P: &[&str] = &["pPr", "r"];

/// The position of `name` in `sequence` (names separated by | share a position).
fn position(sequence: &[&str], name: &str) -> Option<usize> {
    sequence.iter().position(|s| s.split('|').any(|n| n == name))
}

/// Checks that the children of every element named in `rules` follow its schema sequence.
/// Returns how many elements were checked.
fn check_order(part_name: &str, xml: &str) -> usize {
    let rules: [(&str, &[&str]); 8] = [
        ("rPr", CT_RPR),
        ("pPr", CT_PPR),
        ("sectPr", CT_SECTPR),
        ("style", CT_STYLE),
        ("settings", CT_SETTINGS),
        ("font", CT_FONT),
        ("r", CT_R),
        ("p", CT_P),
    ];
    let doc = roxmltree::Document::parse(xml).expect("XML");
    let mut checked = 0;
    for node in doc
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().namespace() == Some(W))
    {
        let Some((_, sequence)) = rules.iter().find(|(n, _)| *n == node.tag_name().name()) else {
            continue;
        };
        checked += 1;
        let mut last = 0;
        let mut seen: Vec<&str> = Vec::new();
        for c in node.children().filter(|c| c.is_element()) {
            let name = c.tag_name().name();
            let at = position(sequence, name).unwrap_or_else(|| {
                panic!(
                    "{part_name}: <w:{name}> is not allowed in <w:{}>",
                    node.tag_name().name()
                )
            });
            assert!(
                at >= last,
                "{part_name}: <w:{name}> comes after <w:{}> inside <w:{}>: {:?}",
                seen.last().unwrap_or(&""),
                node.tag_name().name(),
                node.children()
                    .filter(|c| c.is_element())
                    .map(|c| c.tag_name().name())
                    .collect::<Vec<_>>()
            );
            last = at;
            seen.push(name);
        }
    }
    checked
}

#[test]
fn children_follow_the_schema_order_in_every_part() {
    let draft = corpus_draft(4000);
    let parts = docx_parts(&draft, &DocFonts::default());
    let mut total = 0;
    for (name, xml) in parts
        .iter()
        .filter(|(n, _)| n.starts_with("word/") && n.ends_with(".xml"))
    {
        total += check_order(name, xml);
    }
    // At least a p, pPr, r and rPr for every paragraph.
    assert!(
        total >= 4 * draft.paragraphs().count(),
        "only {total} elements were checked"
    );
}

#[test]
fn order_check_catches_size_before_fonts() {
    let bad = format!(
        "<w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:rPr><w:sz w:val=\"32\"/><w:rFonts w:eastAsia=\"x\"/></w:rPr></w:r></w:p></w:body></w:document>"
    );
    let caught = std::panic::catch_unwind(|| check_order("bad.xml", &bad));
    assert!(caught.is_err(), "sz before rFonts must be caught");
}

#[test]
fn same_draft_gives_the_same_bytes() {
    let draft = corpus_draft(4000);
    let fonts = DocFonts::default();
    let a = to_docx(&draft, &fonts).expect("renders");
    let b = to_docx(&draft.clone(), &fonts.clone()).expect("renders");
    assert_eq!(a, b);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&a)).expect("zip");
    for i in 0..archive.len() {
        let f = archive.by_index(i).expect("entry");
        let t = f.last_modified().expect("a timestamp");
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1), "{}", f.name());
    }
    let mut other = draft.clone();
    other.sections[0].paragraphs[3].text.push('。');
    assert_ne!(
        a,
        to_docx(&other, &fonts).expect("renders"),
        "the bytes follow the text"
    );
}

#[test]
fn fonts_from_a_style_file_reach_every_run_and_are_escaped() {
    let fonts = load_style(&at("tests/fixtures/style/windows.toml")).expect("a valid style file");
    assert_eq!(fonts.body, "仿宋");
    assert_eq!(
        fonts.heading1,
        DocFonts::default().heading1,
        "keys left out keep their defaults"
    );
    let parts = docx_parts(&small_draft(), &fonts);
    check_document(part(&parts, "word/document.xml"), &fonts);
    let styles = part(&parts, "word/styles.xml");
    assert!(
        styles.contains("华文中宋 &amp; &lt;小标宋&gt;"),
        "font names are escaped"
    );
    assert!(!styles.contains("仿宋_GB2312"), "the default body font is replaced");
}

#[test]
fn unknown_key_in_a_style_file_names_file_line_key_and_the_valid_keys() {
    let err = load_style(&at("tests/fixtures/style/unknown_key.toml")).expect_err("heading3 is no slot");
    let shown = err.to_string();
    assert!(shown.contains("unknown_key.toml:2:1"), "{shown}");
    assert!(shown.contains("heading3"), "{shown}");
    for key in DocFonts::KEYS {
        assert!(shown.contains(key), "{shown} should list {key}");
    }
}

#[test]
fn unusable_font_names_are_refused() {
    let fonts = DocFonts {
        body: " ".into(),
        ..DocFonts::default()
    };
    let err = to_docx(&small_draft(), &fonts).expect_err("empty font");
    assert!(err.to_string().contains("body"), "{err}");
}

#[test]
fn odd_input_still_gives_valid_xml() {
    let mut lead_past_end = led("一是。");
    lead_past_end.lead_len = 1000;
    let mut lead_mid_char = led("二是抓落实。");
    lead_mid_char.lead_len = 4;
    let draft = draft_of(
        "",
        vec![section(
            "x",
            vec![
                para("", Style::Body),
                para("控制\u{1}字符\u{b}与\t制表\r\n换行", Style::Body),
                lead_past_end,
                lead_mid_char,
            ],
        )],
    );
    let parts = docx_parts(&draft, &DocFonts::default());
    let seen = check_document(part(&parts, "word/document.xml"), &DocFonts::default());
    assert_eq!(seen[1].1, "控制字符与制表换行");
    assert_eq!(seen[2].2, "一是。");
    assert_eq!(seen[3].2, "二", "a lead cut inside a character is cut back");
    let empty = draft_of("", Vec::new());
    let parts = docx_parts(&empty, &DocFonts::default());
    assert!(check_document(part(&parts, "word/document.xml"), &DocFonts::default()).is_empty());
}

#[test]
fn snapshot_document_and_styles() {
    let parts = docx_parts(&small_draft(), &DocFonts::default());
    insta::assert_snapshot!("docx_document_xml", part(&parts, "word/document.xml"));
    insta::assert_snapshot!("docx_styles_xml", part(&parts, "word/styles.xml"));
}

// ---------------------------------------------------------------------------------------------
// Render through LibreOffice.

fn on_path(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

fn run(cmd: &mut std::process::Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Words of one page as pdftotext -bbox gives them: (text, xMin, yMin).
fn page_words(pdf: &Path, page: usize) -> Vec<(String, f64, f64)> {
    let html = run(std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-"));
    // Without the DOCTYPE line, which roxmltree refuses.
    let xhtml = html.find("<html").map_or(html.as_str(), |i| &html[i..]);
    let doc = roxmltree::Document::parse(xhtml).expect("pdftotext -bbox XHTML");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "word")
        .map(|n| {
            let num = |a: &str| n.attribute(a).and_then(|v| v.parse().ok()).unwrap_or(f64::NAN);
            (n.text().unwrap_or("").to_string(), num("xMin"), num("yMin"))
        })
        .collect()
}

#[test]
fn renders_in_libreoffice_22_lines_a_page_with_all_text_and_page_numbers() {
    let Some(office) = on_path("libreoffice").or_else(|| on_path("soffice")) else {
        assert!(
            std::env::var("CI_REQUIRE_LIBREOFFICE").as_deref() != Ok("1"),
            "CI_REQUIRE_LIBREOFFICE=1 but neither libreoffice nor soffice is on PATH"
        );
        eprintln!("note: libreoffice is not installed; the render test is skipped");
        return;
    };
    let draft = corpus_draft(4000);
    let chars: usize = draft.paragraphs().map(|p| p.text.chars().count()).sum();
    assert!((3800..=4600).contains(&chars), "the draft has {chars} characters");
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = dir.path().join("draft.docx");
    std::fs::write(&docx, to_docx(&draft, &DocFonts::default()).expect("renders")).expect("write");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    run(std::process::Command::new(&office)
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx));
    let pdf = dir.path().join("draft.pdf");
    let info = run(std::process::Command::new("pdfinfo").arg(&pdf));
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count");
    // GB/T 9704-2012 fits 22 lines of 16 pt characters on a page and about 28 of them on a line
    // (27 whole ones in 156 mm). So 4,000 characters cannot fit on 6 pages (at most 22 × 28 = 616
    // a page): the page count must be what the lines of the draft need, give or take a page for
    // line-breaking rules and headings kept with what follows.
    let lines = predicted_lines(&draft);
    let want_pages = lines.div_ceil(22);
    eprintln!("{chars} characters in {lines} lines rendered on {pages} pages (predicted {want_pages})");
    assert!(
        pages.abs_diff(want_pages) <= 1,
        "{chars} characters in {lines} lines gave {pages} pages, not about {want_pages}"
    );
    let full_page = run(std::process::Command::new("pdftotext")
        .args(["-layout", "-f", "2", "-l", "2"])
        .arg(&pdf)
        .arg("-"));
    let text_lines: Vec<usize> = full_page
        .lines()
        .map(|l| squeeze(l).chars().count())
        .filter(|&n| n > 0)
        .collect();
    // 22 lines of text and the page number.
    assert_eq!(
        text_lines.len(),
        23,
        "page 2 has {} lines: {text_lines:?}",
        text_lines.len()
    );
    let longest = text_lines.iter().max().copied().unwrap_or(0);
    assert!(
        (27..=29).contains(&longest),
        "the longest line on page 2 has {longest} characters"
    );
    let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap_or("");
    assert!(size.contains("595.") && size.contains("841."), "A4: {size}");

    let mut text = String::new();
    for page in 1..=pages {
        let words = page_words(&pdf, page);
        // The page number: the lowest word, "N" between two dashes, below the text block
        // (35 mm = 99 pt above the bottom of an 842 pt page), right on odd pages, left on even.
        let (num, x, y) = words
            .iter()
            .filter(|(w, _, _)| w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty())
            .max_by(|a, b| a.2.total_cmp(&b.2))
            .cloned()
            .expect("a page number");
        assert_eq!(num, page.to_string(), "page {page}");
        assert!(
            y > 842.0 - 99.0,
            "page {page}: number at y = {y} is not below the text block"
        );
        if page % 2 == 1 {
            assert!(
                x > 595.0 / 2.0,
                "odd page {page}: number at x = {x} is not on the right"
            );
        } else {
            assert!(
                x < 595.0 / 2.0,
                "even page {page}: number at x = {x} is not on the left"
            );
        }
        let body = squeeze(&run(std::process::Command::new("pdftotext")
            .args(["-f", &page.to_string(), "-l", &page.to_string()])
            .arg(&pdf)
            .arg("-")));
        let footer = format!("—{page}—");
        let body = body
            .strip_suffix(&footer)
            .unwrap_or_else(|| panic!("page {page} does not end with {footer}: …{}", tail(&body)));
        text.push_str(body);
    }
    let want: String = draft.paragraphs().map(|p| squeeze(&p.text)).collect();
    assert_eq!(text, want, "the PDF's text is the draft's text");

    // LibreOffice read the East Asian fonts and the sizes: its own flat format names them.
    run(std::process::Command::new(&office)
        .args([profile.as_str(), "--headless", "--convert-to", "fodt", "--outdir"])
        .arg(dir.path())
        .arg(&docx));
    let fodt = std::fs::read_to_string(dir.path().join("draft.fodt")).expect("flat ODF");
    let fonts = DocFonts::default();
    for font in [
        &fonts.title,
        &fonts.byline,
        &fonts.body,
        &fonts.heading1,
        &fonts.page_number,
    ] {
        assert!(
            fodt.contains(&format!("style:font-name-asian=\"{font}")),
            "LibreOffice lost the East Asian font {font}"
        );
    }
    for size in ["22pt", "16pt", "14pt"] {
        assert!(
            fodt.contains(&format!("style:font-size-asian=\"{size}\"")),
            "no text of {size}"
        );
    }
    assert!(
        fodt.contains("style:font-weight-asian=\"bold\""),
        "the leads are not bold"
    );
}

/// The lines the draft needs: 27 characters of 三号 a line (20 of 二号 for the title), two of
/// them taken by the first-line indent, and a blank line after the byline.
fn predicted_lines(draft: &Draft) -> usize {
    draft
        .paragraphs()
        .map(|p| {
            let n = p.text.chars().count();
            match p.style {
                Style::Title => n.div_ceil(20),
                Style::Byline => n.div_ceil(27) + 1,
                Style::Salutation => n.div_ceil(27),
                _ => (n + 2).div_ceil(27),
            }
        })
        .sum()
}

fn tail(s: &str) -> String {
    let n = s.chars().count();
    s.chars().skip(n.saturating_sub(20)).collect()
}
