//! Outputs on paper: workbooks printed to PDF by LibreOffice (headless, one process for a
//! batch, the fonts of `scripts/fonts.conf`), and the printed pages read back as poppler's
//! text boxes (`pdftotext -bbox-layout`) and embedded fonts (`pdffonts`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::unescape;

/// A word as printed: its box in points from the page's top left, and its text.
#[derive(Debug, Clone)]
pub struct Word {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
}

/// Poppler's box of a Noto CJK word is 1.3 times the font size tall (the font's ascent
/// plus descent): Noto Sans and Serif CJK share their vertical metrics.
const BOX_PER_POINT: f64 = 1.3;

impl Word {
    /// The font size the word is printed at, in points.
    pub fn size(&self) -> f64 {
        (self.y1 - self.y0) / BOX_PER_POINT
    }

    pub fn centre_x(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// One printed page.
#[derive(Debug, Clone)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
}

impl Page {
    /// Every word's text, without spaces, in the order poppler reads them.
    pub fn text(&self) -> String {
        self.words.iter().map(|w| w.text.as_str()).collect()
    }

    /// The page number printed as `— N —` at the foot, and where its number sits.
    pub fn number(&self) -> Option<(u32, &Word)> {
        let foot = self
            .words
            .iter()
            .filter(|w| w.y0 > self.height * 0.85)
            .collect::<Vec<_>>();
        foot.iter().enumerate().find_map(|(i, w)| {
            let n: u32 = w.text.trim_matches('—').parse().ok()?;
            let dashed = w.text.starts_with('—')
                || (i > 0 && foot[i - 1].text == "—" && foot.get(i + 1)?.text == "—");
            dashed.then_some((n, *w))
        })
    }

    /// The texts of cells: words stacked in one column (the same left edge or the same
    /// centre) with no more than a line's gap between them, joined top to bottom.
    pub fn cell_texts(&self) -> Vec<String> {
        let mut words: Vec<&Word> = self.words.iter().collect();
        words.sort_by(|a, b| a.y0.total_cmp(&b.y0));
        let mut used = vec![false; words.len()];
        let mut out = Vec::new();
        for i in 0..words.len() {
            if used[i] {
                continue;
            }
            used[i] = true;
            let mut text = words[i].text.clone();
            let mut last = words[i];
            for j in i + 1..words.len() {
                let w = words[j];
                let aligned =
                    (w.x0 - last.x0).abs() < 1.0 || (w.centre_x() - last.centre_x()).abs() < 1.0;
                let gap = w.y0 - last.y1;
                if !used[j] && aligned && gap > -1.0 && gap < (last.y1 - last.y0) * 0.6 {
                    used[j] = true;
                    text.push_str(&w.text);
                    last = w;
                }
            }
            out.push(text);
        }
        out
    }
}

/// Whether LibreOffice, poppler and the Noto CJK fonts `scripts/fonts.conf` maps to are
/// installed; the print check is skipped otherwise.
pub fn available() -> bool {
    let runs = |tool: &str, arg: &str| {
        Command::new(tool)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let noto = Command::new("fc-list")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("Noto Serif CJK SC"));
    runs("soffice", "--version") && runs("pdftotext", "-v") && runs("pdffonts", "-v") && noto
}

/// Prints every file of `files` to PDF in `dir`, returning the PDFs in the order of
/// `files` (names must be unique by stem). Two LibreOffice processes, each with its own
/// profile, share the files, largest first: a 汇总 workbook of hundreds of pages takes a
/// minute on its own.
pub fn print(files: &[PathBuf], dir: &Path) -> Vec<PathBuf> {
    let mut by_size: Vec<&PathBuf> = files.iter().collect();
    by_size.sort_by_key(|f| std::cmp::Reverse(std::fs::metadata(f).map_or(0, |m| m.len())));
    let children: Vec<_> = (0..2)
        .map(|k| {
            by_size
                .iter()
                .skip(k)
                .step_by(2)
                .copied()
                .collect::<Vec<_>>()
        })
        .filter(|batch| !batch.is_empty())
        .enumerate()
        .map(|(k, batch)| convert(&batch, dir, &dir.join(format!("profile{k}"))))
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait for soffice");
        assert!(out.status.success(), "soffice: {out:?}");
    }
    files
        .iter()
        .map(|f| {
            let pdf = dir.join(f.file_stem().expect("stem")).with_extension("pdf");
            assert!(pdf.is_file(), "LibreOffice did not print {}", f.display());
            pdf
        })
        .collect()
}

/// Starts LibreOffice printing `files` to PDF in `dir` with the fonts of
/// `scripts/fonts.conf`.
fn convert(files: &[&PathBuf], dir: &Path, profile: &Path) -> std::process::Child {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/fonts.conf");
    Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(files)
        .env("FONTCONFIG_FILE", fonts)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run soffice")
}

/// The pages of a PDF as poppler reads them.
pub fn pages(pdf: &Path) -> Vec<Page> {
    let out = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let xml = String::from_utf8_lossy(&out.stdout);
    xml.split("<page ")
        .skip(1)
        .map(|page| Page {
            width: attr(page, "width"),
            height: attr(page, "height"),
            words: page.split("<word ").skip(1).map(word).collect(),
        })
        .collect()
}

/// The names of the fonts embedded in a PDF.
pub fn fonts(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("run pdffonts");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        // Subsets are named ABCDEF+Font.
        .map(|name| name.split_once('+').map_or(name, |(_, n)| n).to_string())
        .collect()
}

fn word(tag: &str) -> Word {
    let text = tag
        .split_once('>')
        .and_then(|(_, rest)| rest.split_once("</word>"))
        .map_or("", |(t, _)| t);
    Word {
        x0: attr(tag, "xMin"),
        y0: attr(tag, "yMin"),
        x1: attr(tag, "xMax"),
        y1: attr(tag, "yMax"),
        text: unescape(text),
    }
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    tag.split_once(&key)
        .and_then(|(_, rest)| rest.split_once('"'))
        .and_then(|(v, _)| v.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
}
