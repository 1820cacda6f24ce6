//! Files that are not a unit's ordinary monthly list: an unknown unit, a file whose
//! name and cells disagree, a file with no unit at all, an encrypted re-send, the
//! same file dropped twice, and the lock and system files that land in shared folders.

use std::io::Write;
use std::time::{Duration, SystemTime};

use crate::formats::Format;
use crate::inbox::{At, C, D, Inbox, ItemSheet, Plant, Res, saved};
use crate::plan::date_in;
use crate::sheets::{Col, DataRow, Layout};
use crate::truth::{FileStatus, Outcome, Trap};
use crate::units::{Pace, UnitSpec};

fn stranger(name: &'static str, formal: &str) -> UnitSpec {
    UnitSpec {
        name,
        target: 0,
        category: "部门",
        aliases: &[],
        formal: formal.to_string(),
        short: name.to_string(),
        pace: Pace::Silent,
    }
}

impl Inbox<'_> {
    /// `n` new rows for `unit` in `month`, all to be rejected with `code`.
    fn rejected_rows(
        &mut self,
        unit: &UnitSpec,
        month: u32,
        n: usize,
        cell: &str,
        code: &'static str,
    ) -> Res<Vec<DataRow>> {
        let mut rows = Vec::new();
        for _ in 0..n {
            let made = self.titles.make(unit, month, &mut self.rng)?;
            let date = date_in(month, &mut self.rng);
            rows.push(DataRow {
                unit: cell.to_string(),
                title: made.title,
                date: crate::grid::Val::Date(date),
                section: made.section.to_string(),
                link: self.links.next(date),
                arose: None,
                outcome: Outcome::Rejected { code },
            });
        }
        rows.sort_by_key(|r| r.date.shown());
        Ok(rows)
    }

    /// 县老干局 is not one of the 64 units.
    pub fn unknown_unit(&mut self) -> Res<()> {
        let unit = stranger("县老干局", "中共大英县委老干部局");
        let rows = self.rejected_rows(&unit, 4, 4, "县老干局", "U001")?;
        let plants = vec![Plant::new(
            At::Cell(0, Col::Unit),
            "unit 县老干局 is in neither the units table nor its aliases (file name too)",
            Some("U001"),
            "error: every row rejected; suggestion lists the closest names, never a guess",
        )];
        let sheet = ItemSheet {
            layout: Layout::new("Sheet1", &C),
            rows,
            plants,
        };
        self.add_items(
            "inbox/2018年4月/县老干局-2018年4月.xlsx",
            Format::Xlsx,
            saved(4),
            vec![sheet],
        );
        Ok(())
    }

    /// A file named for 畜牧局 whose 单位 cells all say 林业局.
    pub fn name_and_cells_disagree(&mut self, forestry: &UnitSpec) -> Res<()> {
        let rows = self.rejected_rows(forestry, 3, 4, "林业局", "U002")?;
        let plants = vec![Plant::new(
            At::Cell(0, Col::Unit),
            "file name says 畜牧局, every 单位 cell says 林业局",
            Some("U002"),
            "error: the units disagree; every row rejected, counted for neither unit",
        )];
        let sheet = ItemSheet {
            layout: Layout::new("Sheet1", &D),
            rows,
            plants,
        };
        self.add_items(
            "inbox/2018年3月/畜牧局-2018年3月补报.xlsx",
            Format::Xlsx,
            saved(3),
            vec![sheet],
        );
        Ok(())
    }

    /// A list saved under a generic name, with no 单位 column and no 填报单位 line.
    pub fn no_unit_anywhere(&mut self) -> Res<()> {
        const TITLES: [&str; 5] = [
            "关于开展2018年春季植树活动的通知",
            "关于做好清明节期间森林防火工作的通知",
            "2018年4月份工作动态汇总",
            "关于召开一季度工作总结会的通知",
            "关于公布2018年第一批行政执法人员名单的公告",
        ];
        let layout = Layout::new(
            "Sheet1",
            &[
                (Col::Seq, "序号"),
                (Col::Title, "标题"),
                (Col::Date, "发布日期"),
                (Col::Section, "栏目"),
            ],
        );
        let mut rows = Vec::new();
        for (i, title) in TITLES.iter().enumerate() {
            if !self.titles.reserve(title) {
                return Err(format!("title used twice: {title}").into());
            }
            let date = chrono::NaiveDate::from_ymd_opt(2018, 4, 3 + 4 * i as u32)
                .unwrap_or(chrono::NaiveDate::MIN);
            rows.push(DataRow {
                unit: String::new(),
                title: title.to_string(),
                date: crate::grid::Val::Date(date),
                section: if i == 2 { "部门动态" } else { "通知" }.to_string(),
                link: String::new(),
                arose: None,
                outcome: Outcome::Rejected { code: "U003" },
            });
        }
        let plants = vec![Plant::new(
            At::File,
            "no 单位 column, no 填报单位 line, a generic file name, directly in inbox/",
            Some("U003"),
            "error: the unit cannot be determined; every row rejected",
        )];
        self.add_items(
            "inbox/信息公开明细表.xlsx",
            Format::Xlsx,
            saved(4),
            vec![ItemSheet {
                layout,
                rows,
                plants,
            }],
        );
        Ok(())
    }

    /// 审计局 re-sent three April items in a workbook it had protected with a password.
    pub fn encrypted_resend(&mut self, audit: &UnitSpec) -> Res<()> {
        let mut rows = self.rejected_rows(audit, 4, 3, "审计局", "F004")?;
        for row in &mut rows {
            row.outcome = Outcome::Rejected { code: "F004" };
        }
        let plants = vec![Plant::new(
            At::File,
            "password-protected xlsx (password 123): an OLE container with an EncryptedPackage stream",
            Some("F004"),
            "error: file reported as encrypted (文件已加密); its 3 rows are never read or counted",
        )];
        let sheet = ItemSheet {
            layout: Layout::new("Sheet1", &C),
            rows,
            plants,
        };
        self.add_items(
            "inbox/审计局/审计局-2018年4月补报.xlsx",
            Format::Encrypted,
            saved(4),
            vec![sheet],
        );
        Ok(())
    }

    /// The same workbook dropped twice under two names.
    pub fn dropped_twice(&mut self, original: &str, copy: &str) -> Res<()> {
        let rows = self
            .ledger
            .files
            .iter()
            .find(|f| f.path == original)
            .map(|f| f.data_rows)
            .ok_or_else(|| format!("{original} was not written"))?;
        let trap = Trap {
            file: copy.into(),
            sheet: None,
            cell: None,
            row: None,
            what: format!("byte-identical copy of {original}"),
            code: Some("F002"),
            expected: format!(
                "warning: same content as {original}; counted once ({rows} rows not read again)"
            ),
        };
        self.add_unread(
            copy,
            Format::CopyOf(original.into()),
            FileStatus::Duplicate,
            rows,
            trap,
        );
        Ok(())
    }

    /// An Excel lock file, a macOS .DS_Store and a Windows Thumbs.db.
    pub fn system_files(&mut self) -> Res<()> {
        let files = [
            ("inbox/~$民政局-2018年4月.xlsx", lock_file("Administrator")),
            ("inbox/蓬莱镇/.DS_Store", ds_store()),
            ("inbox/2018年3月/Thumbs.db", thumbs_db()?),
        ];
        for (path, bytes) in files {
            let trap = Trap {
                file: path.into(),
                sheet: None,
                cell: None,
                row: None,
                what: "system or temporary file".into(),
                code: Some("F001"),
                expected: "info: skipped and listed, never read".into(),
            };
            self.add_unread(path, Format::Bytes(bytes), FileStatus::Skipped, 0, trap);
        }
        Ok(())
    }
}

/// The 165-byte owner file Excel leaves next to an open workbook.
fn lock_file(user: &str) -> Vec<u8> {
    let mut out = vec![user.len() as u8];
    out.extend(user.bytes());
    out.resize(54, b' ');
    out.extend([0, 0, user.len() as u8, 0]);
    for unit in user.encode_utf16() {
        out.extend(unit.to_le_bytes());
    }
    out.resize(165, 0x20);
    out
}

/// An empty Finder .DS_Store: the Bud1 header and zero padding.
fn ds_store() -> Vec<u8> {
    let mut out = vec![
        0, 0, 0, 1, b'B', b'u', b'd', b'1', 0, 0, 0x10, 0, 0, 0, 0x08, 0, 0, 0, 0x10, 0,
    ];
    out.resize(6148, 0);
    out
}

/// A Windows thumbnail cache: an OLE compound file with an empty Catalog stream.
fn thumbs_db() -> Res<Vec<u8>> {
    let mut comp = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new()))?;
    comp.create_stream("Catalog")?
        .write_all(&[0x10, 0, 0x07, 0, 0, 0, 0, 0])?;
    // cfb stamps the root with the clock; a fixed time keeps the sample reproducible.
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_520_000_000);
    comp.set_created_time("/", when)?;
    comp.set_modified_time("/", when)?;
    comp.flush()?;
    Ok(comp.into_inner().into_inner())
}
